using Veld.Bench;

namespace Veld.Bench.Tests;

public sealed class SizeAndProgramTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("veld-bench-find-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("default", "default")]
    [InlineData("500", "500")]
    public void Size_parses_a_positive_number_or_default(string text, string label)
    {
        var program = new BenchmarkProgram("p", "p.veld", "", 42, null);
        Assert.Equal(label, BenchmarkSize.Parse(text)!.LabelFor(program));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("big")]
    [InlineData("")]
    [InlineData("1e3")]
    public void Size_rejects_anything_else(string text)
    {
        Assert.Null(BenchmarkSize.Parse(text));
    }

    [Fact]
    public void Bench_size_comes_from_the_header_and_falls_back_to_the_program_default()
    {
        Assert.Equal(["42"], BenchmarkSize.Bench.ArgsFor(new BenchmarkProgram("p", "p.veld", "", 42, null)));
        Assert.Empty(BenchmarkSize.Bench.ArgsFor(new BenchmarkProgram("p", "p.veld", "", null, null)));
    }

    [Theory]
    [InlineData("# tags: bench\n# bench-size: 250\nlet n = 1\n", 250L)]
    [InlineData("#bench-size:7\n", 7L)]
    [InlineData("# tags: bench\nlet n = 1\n# bench-size: 250\n", null)]   // not in the header
    [InlineData("# bench-size: lots\n", null)]
    [InlineData("", null)]
    public void Bench_size_is_read_only_from_the_leading_comment_lines(string text, long? expected)
    {
        Assert.Equal(expected, BenchmarkProgram.ReadBenchSize(text));
    }

    [Fact]
    public void Find_takes_names_files_and_directories_and_pairs_programs_with_their_lua_twins()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "lua"));
        File.WriteAllText(Path.Combine(_dir, "b.veld"), "# bench-size: 5\n");
        File.WriteAllText(Path.Combine(_dir, "a.veld"), "");
        File.WriteAllText(Path.Combine(_dir, "lua", "a.lua"), "");

        var all = BenchmarkProgram.Find([], _dir);
        Assert.Equal(["a", "b"], all.Select(p => p.Name));
        Assert.EndsWith("lua/a.lua", all[0].LuaPath);
        Assert.Null(all[1].LuaPath);
        Assert.Equal(5, all[1].BenchSize);

        Assert.Equal(["b"], BenchmarkProgram.Find(["b"], _dir).Select(p => p.Name));
        Assert.Equal(["a"], BenchmarkProgram.Find([Path.Combine(_dir, "a.veld"), "a"], _dir).Select(p => p.Name));
        var missing = Assert.Throws<FileNotFoundException>(() => BenchmarkProgram.Find(["nope"], _dir));
        Assert.Contains("no benchmark program 'nope'", missing.Message);
    }

    [Fact]
    public void The_suite_directory_is_found_from_a_folder_below_the_repository_root()
    {
        var nested = Directory.CreateDirectory(Path.Combine(_dir, "corpus", "bench", "x", "y")).FullName;
        Assert.Equal(Path.Combine(_dir, "corpus", "bench"), BenchmarkProgram.FindSuiteDirectory(nested));
    }
}

using Veld.Bench;

namespace Veld.Bench.Tests;

/// <summary>The Lua baseline inside the runner's rounds, with a throw-away program and twin.</summary>
public sealed class LuaBaselineRunnerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("veld-bench-lua-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private BenchmarkProgram Write(string veld, string lua)
    {
        Directory.CreateDirectory(Path.Combine(_dir, "lua"));
        File.WriteAllText(Path.Combine(_dir, "twin.veld"), veld);
        File.WriteAllText(Path.Combine(_dir, "lua", "twin.lua"), lua);
        return BenchmarkProgram.Load(Path.Combine(_dir, "twin.veld"));
    }

    [LuaTheory]
    [InlineData(2)]
    public void Lua_takes_its_turn_after_the_tiers_and_is_measured_like_them(int iterations)
    {
        var program = Write("# bench-size: 3\nprintln~(\"n = {args()[0]}\")\n", "print('n = ' .. arg[1])\n");
        var log = new List<string>();
        var runner = new BenchmarkRunner([new FakeTier("a", log, (_, c) => { c.Output.Write($"n = {c.Args[0]}\n"); return Veld.Runtime.Value.Unit; })],
            new BenchmarkOptions { Warmup = 1, Iterations = iterations, Lua = LuaTheoryAttribute.Lua });
        var progress = new List<string>();

        var report = runner.Run([program], e => progress.Add(e.Tier));

        Assert.Equal(["a", "lua", "a", "lua", "a", "lua"], progress);
        var lua = report.Programs.Single().Find(LuaBaseline.TierName)!;
        Assert.Null(lua.Failure);
        Assert.Equal(iterations, lua.Samples.Count);
        Assert.Equal(["a", "lua"], report.Tiers);
        Assert.NotNull(report.LuaVersion);
    }

    [LuaTheory]
    [InlineData("print('n = 4')", "printed \"n = 4\" but a printed \"n = 3\"")]
    [InlineData("error('twin: wrong result')", "lua exited with 1")]
    public void A_lua_twin_that_disagrees_or_fails_is_reported(string lua, string failure)
    {
        var program = Write("# bench-size: 3\nprintln(\"n = 3\")\n", lua);
        var runner = new BenchmarkRunner([new FakeTier("a", [], (_, c) => { c.Output.Write("n = 3\n"); return Veld.Runtime.Value.Unit; })],
            new BenchmarkOptions { Warmup = 0, Iterations = 1, Lua = LuaTheoryAttribute.Lua });

        var report = runner.Run([program]);

        Assert.Contains(failure, report.Programs.Single().Find(LuaBaseline.TierName)!.Failure);
    }

    [Fact]
    public void Without_lua_the_report_says_why_and_has_no_lua_column()
    {
        var program = Write("println(1)\n", "print(1)\n");
        var runner = new BenchmarkRunner([new FakeTier("a", [])],
            new BenchmarkOptions { Warmup = 0, Iterations = 1, LuaUnavailableReason = "lua5.4 was not found on PATH; no Lua baseline." });

        var report = runner.Run([program]);

        Assert.Equal(["a"], report.Tiers);
        Assert.Contains("lua5.4 was not found on PATH; no Lua baseline.", report.Notes);
        Assert.DoesNotContain(LuaBaseline.TierName, report.References);
    }

    [Fact]
    public void A_missing_interpreter_is_not_located()
    {
        Assert.Null(LuaBaseline.Locate("no-such-lua-interpreter-" + Guid.NewGuid().ToString("N")));
    }
}

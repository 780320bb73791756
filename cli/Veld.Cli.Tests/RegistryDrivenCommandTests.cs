using System.Text;
using Veld.Differential;
using Veld.Language;
using Veld.Language.Syntax;

namespace Veld.Cli.Tests;

/// <summary>
/// A tier the commands have never heard of, registered with a disassembler and a file format of its own:
/// <c>disasm</c>, <c>build</c> and <c>run</c> find everything it can do through the registry alone.
/// </summary>
public sealed class RegistryDrivenCommandTests : TempCorpusTest
{
    private const string Magic = "NEWVM\n";
    private static readonly CliServices Services = new(
        new TierRegistry(
        [
            new TierRegistration("tree", "fake oracle", () => new FakeTier("tree")),
            new TierRegistration("newvm", "a tier registered after the commands were written", () => new FakeTier("newvm"))
            {
                Disassemble = program => $"newvm code of {program.FileName}: {Lines(program.Source.Text)} lines\n",
                File = new BytecodeFile(".nvm",
                    bytes => bytes.AsSpan().StartsWith(Encoding.UTF8.GetBytes(Magic)),
                    program => Encoding.UTF8.GetBytes(Magic + program.Source.Text),
                    bytes => new FakeTier("newvm").Compile(Load(bytes)),
                    bytes => $"newvm file: {Lines(Load(bytes).Source.Text)} lines\n"),
            },
        ]),
        FakeFrontEnd.Compile);

    private static int Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;

    private static CheckedProgram Load(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes)[Magic.Length..];
        if (text.Contains("damaged")) throw new BytecodeFileException("the file is damaged");
        return FakeFrontEnd.Compile(new Source("loaded", text)).Program!;
    }

    [Fact]
    public void Disasm_offers_and_uses_the_new_tiers_disassembler()
    {
        var path = Corpus.Write("two.veld", "print a\nprint b\n");
        var result = Run(Services, "disasm", path, "--tier", "newvm");
        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal($"newvm code of {path}: 2 lines\n", result.Stdout);
        // The only tier with code to show is the default; the oracle, which has none, is refused.
        Assert.Equal(result.Stdout, Run(Services, "disasm", path).Stdout);
        Assert.Equal(ExitCodes.Usage, Run(Services, "disasm", path, "--tier", "tree").ExitCode);
    }

    [Fact]
    public void Build_writes_the_new_tiers_file_which_run_and_disasm_accept()
    {
        var source = Corpus.Write("hello.veld", "print hello\nprint world\n");
        var compiled = Build(Services, source, ".nvm");

        var run = Run(Services, "run", compiled, "--stats");
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal("hello\nworld\n", run.Stdout);
        Assert.Contains("\"tier\":\"newvm\"", run.Stderr);

        Assert.Equal("newvm file: 2 lines\n", Run(Services, "disasm", compiled).Stdout);
    }

    [Fact]
    public void A_compiled_file_runs_only_on_its_tier_and_a_damaged_one_is_a_load_error()
    {
        var compiled = Corpus.Write("one.nvm", Magic + "print 1\n");
        var elsewhere = Run(Services, "run", compiled, "--tier", "tree");
        Assert.Equal(ExitCodes.Usage, elsewhere.ExitCode);
        Assert.Contains("runs on the newvm tier", elsewhere.Stderr);

        var damaged = Run(Services, "run", Corpus.Write("bad.nvm", Magic + "damaged\n"));
        Assert.Equal(ExitCodes.CompileError, damaged.ExitCode);
        Assert.Contains("the file is damaged", damaged.Stderr);
    }
}

namespace Veld.Cli.Tests;

/// <summary><c>veld disasm</c> over the real front end and the stack VM's disassembler.</summary>
public sealed class DisasmCommandTests : TempCorpusTest
{
    [Fact]
    public void Prints_every_function_of_the_program()
    {
        var path = Corpus.Write("fact.veld", "fn fact(n) => if n < 2 then 1 else n * fact(n - 1) end\nprintln(fact(5))\n");
        var result = Run(null, "disasm", path, "--tier", "stack");
        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.StartsWith("function script (arity 0, locals 0, upvalues 0, stack 3, 11 bytes, line 1)\n", result.Stdout);
        Assert.Contains("function fact (arity 1, locals 1, upvalues 0, stack 4, 26 bytes, line 1)\n", result.Stdout);
        Assert.Contains("    0022    |  CALL 1\n", result.Stdout);
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public void A_compile_error_is_reported_like_run_does()
    {
        var path = Corpus.Write("bad.veld", "let y = nowhere + 1\n");
        var result = Run(null, "disasm", path);
        Assert.Equal(ExitCodes.CompileError, result.ExitCode);
        Assert.Contains("error[Compile]: undeclared name 'nowhere'", result.Stderr);
    }

    [Fact]
    public void Only_bytecode_tiers_are_accepted()
    {
        var path = Corpus.Write("one.veld", "1\n");
        Assert.Equal(ExitCodes.Usage, Run(null, "disasm", path, "--tier", "tree").ExitCode);
        Assert.Equal(ExitCodes.Usage, Run(null, "disasm", Corpus.Root + "/missing.veld").ExitCode);
    }
}

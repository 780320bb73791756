namespace Veld.Cli.Tests;

/// <summary><c>veld build</c>, <c>veld run FILE.veldc</c> and <c>veld fuzz-regalloc</c> over the real front end and register VM.</summary>
public sealed class RegisterCommandsTests : TempCorpusTest
{
    private const string Fib = "fn fib(n) if n < 2 then n else fib(n - 1) + fib(n - 2) end end\nprintln(fib(15))\nlet xs = [1]\nxs[3]\n";

    [Fact]
    public void Diff_refuses_a_bytecode_file_and_says_how_to_run_it()
    {
        var source = Corpus.Write("fib.veld", Fib);
        var bytecode = Build(null, source, ".veldc");
        var result = Run(null, "diff", bytecode);
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Contains($"'{bytecode}' is register-tier bytecode from veld build; veld diff compares source programs", result.Stderr);
        Assert.Contains($"'veld run {bytecode}'", result.Stderr);
    }

    [Fact]
    public void Build_writes_a_veldc_file_that_run_executes_on_the_register_tier()
    {
        var source = Corpus.Write("fib.veld", Fib);
        var bytecode = Build(null, source, ".veldc");

        var run = Run(null, "run", bytecode, "--stats");
        Assert.Equal(ExitCodes.RuntimeError, run.ExitCode);
        Assert.Equal("610\n", run.Stdout);
        Assert.Contains($"{bytecode}:4:3: error[Index]: index 3 out of range for array of length 1", run.Stderr); // the column comes from the file
        Assert.Contains("\"tier\":\"register\"", run.Stderr);
    }

    [Fact]
    public void Build_takes_an_output_path_and_reports_compile_errors()
    {
        var source = Corpus.Write("one.veld", "println(1)\n");
        var target = Path.Combine(Corpus.Root, "out.veldc");
        Assert.Equal(ExitCodes.Success, Run(null, "build", source, "-o", target).ExitCode);
        Assert.Equal("1\n", Run(null, "run", target).Stdout);

        var bad = Run(null, "build", Corpus.Write("bad.veld", "let y = nowhere\n"));
        Assert.Equal(ExitCodes.CompileError, bad.ExitCode);
        Assert.Contains("undeclared name 'nowhere'", bad.Stderr);
    }

    [Fact]
    public void A_corrupt_veldc_file_is_a_clear_load_error()
    {
        var source = Corpus.Write("fib.veld", Fib);
        var bytecode = Build(null, source, ".veldc");
        var bytes = File.ReadAllBytes(bytecode);
        bytes[^2] ^= 0xFF;
        File.WriteAllBytes(bytecode, bytes);
        var run = Run(null, "run", bytecode);
        Assert.Equal(ExitCodes.CompileError, run.ExitCode);
        Assert.Contains("checksum mismatch", run.Stderr);
    }

    [Fact]
    public void Bytecode_runs_only_on_the_register_tier()
    {
        var source = Corpus.Write("one.veld", "println(1)\n");
        var run = Run(null, "run", Build(null, source, ".veldc"), "--tier", "tree");
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("runs on the register tier", run.Stderr);
    }

    [Fact]
    public void Disasm_shows_register_bytecode_from_source_or_from_a_veldc_file()
    {
        var source = Corpus.Write("fib.veld", Fib);
        var fromSource = Run(null, "disasm", source, "--tier", "register");
        Assert.Equal(ExitCodes.Success, fromSource.ExitCode);
        Assert.StartsWith("function <script:1> (", fromSource.Stdout);
        Assert.Contains("function <fib:1> (", fromSource.Stdout);
        Assert.Contains("\tCALLG      \t", fromSource.Stdout);

        var fromFile = Run(null, "disasm", Build(null, source, ".veldc"));
        Assert.Equal(ExitCodes.Success, fromFile.ExitCode);
        Assert.Equal(fromSource.Stdout, fromFile.Stdout);
    }

    [Fact]
    public void Fuzz_regalloc_reports_what_it_checked()
    {
        var result = Run(null, "fuzz-regalloc", "--seed", "7", "--count", "30");
        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("seed 7,", result.Stdout);
        Assert.Contains("allocator model: 30 random operation sequences", result.Stdout);
        Assert.Contains("bytecode checker: 30 random programs", result.Stdout);
        Assert.EndsWith("no counterexample\n", result.Stdout);
        Assert.Equal(ExitCodes.Usage, Run(null, "fuzz-regalloc", "--count", "0").ExitCode);
    }
}

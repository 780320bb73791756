using System.Text.Json;

namespace Veld.Cli.Tests;

/// <summary><c>veld</c> over the real front end and the tree-walk tier: what a user sees.</summary>
public sealed class RealToolchainTests : TempCorpusTest
{
    [Fact]
    public void A_runtime_error_inside_a_function_points_at_the_raising_column_with_a_traceback()
    {
        var path = Corpus.Write("index.veld", "let xs = [1, 2, 3]\nfn at(i)\n    xs[i]\nend\nprintln(at(1))\nprintln(at(5))\n");
        var result = Run(null, "run", path);
        Assert.Equal(ExitCodes.RuntimeError, result.ExitCode);
        Assert.Equal("2\n", result.Stdout);
        Assert.StartsWith($"{path}:3:7: error[Index]: ", result.Stderr);
        Assert.EndsWith(
            "3 |     xs[i]\n  |       ^\n" +
            "traceback (most recent call first):\n" +
            $"  in at at {path}:3:7\n" +
            $"  in script at {path}:6:9\n",
            result.Stderr);
    }

    [Fact]
    public void Every_compile_error_is_listed_with_its_caret()
    {
        var path = Corpus.Write("bad.veld", "let x = 1\nx = 2\nlet y = nowhere + 1\n");
        var result = Run(null, "run", path);
        Assert.Equal(ExitCodes.CompileError, result.ExitCode);
        Assert.Contains($"{path}:2:1: error[Compile]: cannot assign to immutable binding 'x'\n  |\n2 | x = 2\n  | ^\n", result.Stderr);
        Assert.Contains($"{path}:3:9: error[Compile]: undeclared name 'nowhere'\n  |\n3 | let y = nowhere + 1\n  |         ^\n", result.Stderr);
        Assert.EndsWith("2 compile errors\n", result.Stderr);
    }

    [Fact]
    public void Result_args_and_stats()
    {
        var path = Corpus.Write("fib.veld", "fn fib(n) => if n < 2 then n else fib(n - 1) + fib(n - 2) end\n[fib(args()[0].to_int()), \"x\"]\n");
        var result = Run(null, "run", "--print-result", "--stats", path, "--", "10");
        Assert.Equal((0, "[55, \"x\"]\n"), (result.ExitCode, result.Stdout));
        var stats = JsonDocument.Parse(result.Stderr).RootElement;
        Assert.Equal("tree", stats.GetProperty("tier").GetString());
        Assert.Equal(JsonValueKind.Null, stats.GetProperty("codeBytes").ValueKind); // the tree-walker has no bytecode
        Assert.True(stats.GetProperty("allocatedBytes").GetInt64() > 0);
    }

    [Fact]
    public void Uncaught_throw_and_limits_map_to_their_exit_codes()
    {
        Assert.Equal(ExitCodes.RuntimeError, Run(null, "run", Corpus.Write("t.veld", "throw \"boom\"\n")).ExitCode);
        var loop = Corpus.Write("loop.veld", "var i = 0\nwhile true do i += 1 end\n");
        var limited = Run(null, "run", "--fuel", "5000", loop);
        Assert.Equal(ExitCodes.LimitExceeded, limited.ExitCode);
        Assert.Contains("error[LimitExceeded]: fuel exhausted", limited.Stderr);
    }

    [Fact]
    public void Diff_checks_real_programs_against_their_expectations()
    {
        Corpus.Write("ok.veld", "# tags: closures\nvar n = 0\nlet inc = () => do n += 1  n end\nprintln(inc()) # expect: 1\nlet z = 1 / 0 # expect runtime error: DivisionByZero\n");
        Corpus.Write("wrong.veld", "println(1 + 1) # expect: 3\n");
        var result = Run(null, "diff", Corpus.Root);
        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains("/wrong.veld [tree, stack, register, jit] expectation: standard output differs from the expectations\n", result.Stdout);
        Assert.Contains("    -3\n    +2\n", result.Stdout);
        Assert.DoesNotContain("ok.veld", result.Stdout);
        Assert.EndsWith("1 of 2 programs failed on tree, stack, register, jit\n", result.Stdout);
    }
}

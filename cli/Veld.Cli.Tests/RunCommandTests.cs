using System.Text.Json;

namespace Veld.Cli.Tests;

/// <summary><c>veld run</c> end to end over the fake front end and tiers (see <see cref="FakeTier"/>).</summary>
public sealed class RunCommandTests : TempCorpusTest
{
    private string Program(string text) => Corpus.Write("p.veld", text);

    [Fact]
    public void Success_prints_the_output_and_exits_0()
    {
        var result = RunFake("run", Program("print hello\nprint world\n"));
        Assert.Equal((0, "hello\nworld\n", ""), (result.ExitCode, result.Stdout, result.Stderr));
    }

    [Fact]
    public void A_dash_reads_the_program_from_standard_input()
    {
        var result = RunWithInput(Fakes, "print hello\nprint world\n", "run", "-");
        Assert.Equal((0, "hello\nworld\n", ""), (result.ExitCode, result.Stdout, result.Stderr));
    }

    [Fact]
    public void Print_result_prints_the_display_form_after_the_output()
    {
        Assert.Equal("out\n2.5\n", RunFake("run", "--print-result", Program("print out\nresult float 2.5\n")).Stdout);
        Assert.Equal("raw text\n", RunFake("run", "--print-result", Program("result str raw text\n")).Stdout);
        Assert.Equal("", RunFake("run", Program("result int 7\n")).Stdout);
    }

    [Fact]
    public void The_tier_flag_selects_the_tier()
    {
        var path = Program("print 5\n");
        Assert.Equal("5\n", RunFake("run", path).Stdout);
        Assert.Equal("6\n", RunFake("run", "--tier", "stack", path).Stdout);
    }

    [Fact]
    public void Arguments_after_the_double_dash_reach_the_program()
    {
        var result = RunFake("run", Program("args\n"), "--", "10000", "--verbose", "x y");
        Assert.Equal("10000|--verbose|x y\n", result.Stdout);
    }

    [Fact]
    public void A_runtime_error_exits_70_with_position_source_line_and_caret()
    {
        var path = Program("print before\n    raise Index index 5 out of range\n");
        var result = RunFake("run", path);
        Assert.Equal(ExitCodes.RuntimeError, result.ExitCode);
        Assert.Equal("before\n", result.Stdout);
        Assert.Equal(
            $"{path}:2:5: error[Index]: index 5 out of range\n" +
            "  |\n" +
            "2 |     raise Index index 5 out of range\n" +
            "  |     ^\n",
            result.Stderr);
    }

    [Fact]
    public void Compile_errors_exit_65_and_list_every_diagnostic()
    {
        var path = Program("print 1\nbad one\nbad two\n");
        var result = RunFake("run", path);
        Assert.Equal(ExitCodes.CompileError, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Contains($"{path}:2:1: error[Compile]: bad syntax here\n  |\n2 | bad one\n  | ^\n", result.Stderr);
        Assert.Contains($"{path}:3:1: error[Compile]: bad syntax here\n", result.Stderr);
        Assert.EndsWith("2 compile errors\n", result.Stderr);
    }

    [Fact]
    public void Invalid_utf8_is_a_compile_error_with_a_caret()
    {
        var path = Corpus.WriteBytes("bin.veld", [.. "print 1\nprint "u8, 0xC3, 0x28, .. "\n"u8]);
        var result = RunFake("run", path);
        Assert.Equal(ExitCodes.CompileError, result.ExitCode);
        Assert.StartsWith($"{path}:2:7: error[Compile]: invalid UTF-8 byte 0xC3 in source file\n", result.Stderr);
        Assert.Contains("  |       ^\n", result.Stderr);
    }

    [Fact]
    public void Running_out_of_fuel_exits_75()
    {
        var result = RunFake("run", "--fuel", "1000", Program("print start\nspin\n"));
        Assert.Equal(ExitCodes.LimitExceeded, result.ExitCode);
        Assert.Equal("start\n", result.Stdout);
        Assert.Contains("error[LimitExceeded]: fuel exhausted", result.Stderr);
    }

    [Fact]
    public void Unsupported_and_internal_errors_exit_1()
    {
        var unsupported = RunFake("run", Program("unsupported\n"));
        Assert.Equal(ExitCodes.Failure, unsupported.ExitCode);
        Assert.Contains("the tree tier does not support this program", unsupported.Stderr);

        var crash = RunFake("run", Program("crash\n"));
        Assert.Equal(ExitCodes.Failure, crash.ExitCode);
        Assert.Contains("internal error in the tree tier", crash.Stderr);
        Assert.Contains("the fake tier crashed", crash.Stderr);
    }

    [Fact]
    public void Stats_writes_one_json_object_with_every_figure()
    {
        var result = RunFake("run", "--stats", Program("print 1\n"));
        Assert.Equal(0, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        foreach (var key in new[] { "tier", "outcome", "frontEndMs", "compileMs", "runMs", "codeBytes", "instructions", "allocatedBytes" })
            Assert.True(root.TryGetProperty(key, out _), $"missing {key} in {line}");
        Assert.Equal("tree", root.GetProperty("tier").GetString());
        Assert.Equal("Success", root.GetProperty("outcome").GetString());
        Assert.Equal(8, root.GetProperty("codeBytes").GetInt64()); // the fake tier reports 4 bytes per line
        Assert.Equal(JsonValueKind.Null, root.GetProperty("instructions").ValueKind);
        Assert.True(root.GetProperty("runMs").GetDouble() >= 0);
    }

    [Fact]
    public void Stats_follow_the_error_message_after_a_failed_run()
    {
        var result = RunFake("run", "--stats", Program("raise Key no key\n"));
        Assert.Equal(ExitCodes.RuntimeError, result.ExitCode);
        var lines = result.Stderr.TrimEnd('\n').Split('\n');
        Assert.StartsWith("{", lines[^1]);
        Assert.Equal("RuntimeError", JsonDocument.Parse(lines[^1]).RootElement.GetProperty("outcome").GetString());
    }
}

using System.Text.Json;
using static Veld.Cli.Tests.CliHarness;

namespace Veld.Cli.Tests;

/// <summary><c>--jit-background off|on|auto</c>: the mode reaches the JIT tier (its --stats say which thread compiled;
/// <c>auto</c> hands over only a compilation over its IL bound),
/// and a value that is not a mode is a usage error.</summary>
public sealed class JitBackgroundOptionTests : TempCorpusTest
{
    private const string HotLoop = "fn work(n)\n    var s = 0\n    for i in 0..n do\n        s = s + i % 7\n    end\n    s\nend\nprintln(work(20000))\n";

    private JsonElement JitStats(params string[] options)
    {
        var path = Corpus.Write("hot.veld", HotLoop);
        var result = Run(null, ["run", "--tier", "jit", "--stats", "--jit-threshold", "10", .. options, path]);
        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal("59997\n", result.Stdout);
        var line = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
        return JsonDocument.Parse(line).RootElement.GetProperty("jit").Clone();
    }

    [Fact]
    public void Off_compiles_on_the_VMs_thread()
    {
        var jit = JitStats("--jit-background", "off");
        Assert.Equal(1, jit.GetProperty("functionsCompiled").GetInt32());
        Assert.Equal(0, jit.GetProperty("backgroundCompilations").GetInt32());
        Assert.Equal(0, jit.GetProperty("backgroundDiscarded").GetInt32());
    }

    [Fact]
    public void On_hands_the_compilation_to_the_background_thread()
    {
        var jit = JitStats("--jit-background", "on");
        // Installed, or still under way when the run ended: which one depends on timing, that it was handed over does not.
        Assert.Equal(1, jit.GetProperty("backgroundCompilations").GetInt32() + jit.GetProperty("backgroundDiscarded").GetInt32());
        Assert.Equal(0, jit.GetProperty("foregroundCompileMs").GetDouble());
    }

    [Fact]
    public void Auto_keeps_a_small_function_on_the_VMs_thread()
    {
        // Below the IL bound, auto compiles where off does (one core or two); nothing is handed over.
        var jit = JitStats("--jit-background", "auto");
        Assert.Equal(1, jit.GetProperty("functionsCompiled").GetInt32());
        Assert.Equal(0, jit.GetProperty("handedToBackground").GetArrayLength());
        Assert.Equal(0, jit.GetProperty("backgroundCompilations").GetInt32());
        Assert.True(jit.GetProperty("foregroundCompileMs").GetDouble() > 0);
    }

    [Fact]
    public void A_value_that_is_not_a_mode_is_a_usage_error()
    {
        var path = Corpus.Write("hot.veld", HotLoop);
        var result = Run(null, "run", "--tier", "jit", "--jit-background", "maybe", path);
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("maybe", result.Stderr);
    }
}

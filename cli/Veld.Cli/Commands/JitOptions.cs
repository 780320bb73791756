using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Veld.Runtime;

namespace Veld.Cli.Commands;

/// <summary>The JIT tier's flags, the same on run, diff, fuzz and bench (other tiers ignore them).</summary>
internal static class JitOptions
{
    public static Option<int> Threshold() => new("--jit-threshold")
    {
        Description = "JIT tier: loop iterations before a function is compiled to IL, a call counting 1/100 of one and a call of a function by itself a whole one; 0 compiles every function before its first instruction.",
        DefaultValueFactory = _ => new RunOptions().JitThreshold,
        CustomParser = result => NonNegative(result, "--jit-threshold") ?? 0,
        HelpName = "N",
    };

    public static Option<int?> Stress() => new("--jit-stress")
    {
        Description = "JIT tier: make type guards in compiled code also fail at pseudo-random points chosen by SEED, so every deoptimisation path runs.",
        CustomParser = result => NonNegative(result, "--jit-stress"),
        HelpName = "SEED",
    };

    /// <summary>
    /// <c>--jit-background off|on|auto</c> (<see cref="RunOptions.JitBackground"/>, <see cref="RunOptions.JitBackgroundIlBytes"/>),
    /// <paramref name="byDefault"/> when not given. <c>on</c> hands each compilation whole to a second thread; <c>auto</c>
    /// compiles on the VM's thread and hands only .NET's compile of a large one (<see cref="AutoIlBytes"/> IL bytes or more)
    /// to a second thread, where the process may run on more than one core (docs/PERFORMANCE.md, JIT sections 9 and 32).
    /// </summary>
    public static Option<string> Background(string byDefault)
    {
        var option = new Option<string>("--jit-background")
        {
            Description = "JIT tier: compile hot functions on a second thread while the VM goes on interpreting them: off; on (the whole " +
                          "compilation); or auto (emit on the VM's thread and leave only .NET's compile of a large function to a second " +
                          "thread, where the process may use more than one core). Same output; which code runs when, and so --stats, " +
                          "depends on timing. Ignored with --jit-threshold 0 or --jit-stress.",
            DefaultValueFactory = _ => byDefault,
            HelpName = "MODE",
        };
        option.AcceptOnlyFromAmong("off", "on", "auto");
        return option;
    }

    /// <summary>The IL bytes from which <c>auto</c> hands .NET's compile of a compilation's new methods to the second thread:
    /// nbody's <c>advance</c> (11,071) goes there, and its script (13,964 with <c>advance</c>'s direct entry); every
    /// compilation of the other 14 benchmarks stays on the VM's thread (queens' largest, 8,719)
    /// (section 32 of docs/PERFORMANCE.md).</summary>
    public const int AutoIlBytes = 10_000;

    /// <summary>Whether <paramref name="mode"/> (a value of <see cref="Background"/>) compiles in the background in this
    /// process. <see cref="Environment.ProcessorCount"/> counts the cores the process may use (1 when pinned to one).</summary>
    public static bool CompilesInBackground(string? mode) => mode == "on" || (mode == "auto" && Environment.ProcessorCount > 1);

    /// <summary><see cref="RunOptions.JitBackgroundIlBytes"/> for <paramref name="mode"/>: <see cref="AutoIlBytes"/> for
    /// <c>auto</c>, 0 (the whole compilation in the background) for <c>on</c>.</summary>
    public static int BackgroundIlBytes(string? mode) => mode == "auto" ? AutoIlBytes : 0;

    private static int? NonNegative(ArgumentResult result, string name)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)) return value;
        result.AddError($"{name} expects a whole number, 0 or more, not '{text}'.");
        return null;
    }
}

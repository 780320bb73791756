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
    /// <c>--jit-background off|on|auto</c> (<see cref="RunOptions.JitBackground"/>), <paramref name="byDefault"/> when not
    /// given. <c>auto</c> compiles in the background where the process may run on more than one core: there the compiling
    /// thread takes nothing from the interpreter, while on one core it only competes with it (docs/PERFORMANCE.md, JIT
    /// sections 7 and 9).
    /// </summary>
    public static Option<string> Background(string byDefault)
    {
        var option = new Option<string>("--jit-background")
        {
            Description = "JIT tier: compile hot functions on a second thread while the VM goes on interpreting them: off, on, or auto " +
                          "(on where the process may use more than one core). Same output; which code runs when, and so --stats, " +
                          "depends on timing. Ignored with --jit-threshold 0 or --jit-stress.",
            DefaultValueFactory = _ => byDefault,
            HelpName = "MODE",
        };
        option.AcceptOnlyFromAmong("off", "on", "auto");
        return option;
    }

    /// <summary>Whether <paramref name="mode"/> (a value of <see cref="Background"/>) compiles in the background in this
    /// process. <see cref="Environment.ProcessorCount"/> counts the cores the process may use (1 when pinned to one).</summary>
    public static bool CompilesInBackground(string? mode) => mode == "on" || (mode == "auto" && Environment.ProcessorCount > 1);

    private static int? NonNegative(ArgumentResult result, string name)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)) return value;
        result.AddError($"{name} expects a whole number, 0 or more, not '{text}'.");
        return null;
    }
}

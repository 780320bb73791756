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
        Description = "JIT tier: loop iterations before a function is compiled to IL, a call counting 1/100 of one; 0 compiles every function before its first instruction.",
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

    public static Option<bool> Background() => new("--jit-background")
    {
        Description = "JIT tier: compile hot functions on a second thread while the VM goes on interpreting them (same output; which code runs when, and so --stats, depends on timing). Ignored with --jit-threshold 0 or --jit-stress.",
    };

    private static int? NonNegative(ArgumentResult result, string name)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)) return value;
        result.AddError($"{name} expects a whole number, 0 or more, not '{text}'.");
        return null;
    }
}

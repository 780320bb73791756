using Veld.Runtime;

namespace Veld.Differential.Tests;

/// <summary>Hand-made run outcomes for checker and comparer tests.</summary>
internal static class Outcomes
{
    public static RunOutcome Success(string stdout, Value? result = null, string tier = "tree") =>
        new() { Tier = tier, Kind = OutcomeKind.Success, Stdout = stdout, Result = result ?? Value.Unit };

    public static RunOutcome RuntimeError(string kind, string message, int line, string stdout = "", string tier = "tree") =>
        new() { Tier = tier, Kind = OutcomeKind.RuntimeError, Stdout = stdout, Error = new RunError(kind, message, line) };

    public static RunOutcome CompileError(string message, int line, int column, string tier = "tree") =>
        new() { Tier = tier, Kind = OutcomeKind.CompileError, Stdout = "", Error = new RunError("Compile", message, line, column) };

    public static RunOutcome Limit(string tier = "tree", string stdout = "") =>
        new() { Tier = tier, Kind = OutcomeKind.LimitExceeded, Stdout = stdout, Error = new RunError("LimitExceeded", "fuel exhausted", 0) };

    public static RunOutcome Unsupported(string tier) =>
        new() { Tier = tier, Kind = OutcomeKind.Unsupported, Stdout = "", Error = new RunError("Unsupported", "no closures yet", 0) };
}

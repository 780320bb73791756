using Veld.Runtime;

namespace Veld.Differential.Tests;

/// <summary>Hand-made run outcomes for checker and comparer tests.</summary>
internal static class Outcomes
{
    public static RunOutcome Success(string stdout, Value? result = null, string tier = "tree") =>
        new() { Tier = tier, Kind = OutcomeKind.Success, Stdout = stdout, Result = result ?? Value.Unit };

    public static RunOutcome RuntimeError(string kind, string message, int line, string stdout = "", string tier = "tree", int column = 0, CallStack? stack = null) =>
        new() { Tier = tier, Kind = OutcomeKind.RuntimeError, Stdout = stdout, Error = new RunError(kind, message, line, column, stack) };

    public static RunOutcome CompileError(string message, int line, int column, string tier = "tree") =>
        new() { Tier = tier, Kind = OutcomeKind.CompileError, Stdout = "", Error = new RunError("Compile", message, line, column) };

    /// <summary>The time limit: the limit that depends on the machine.</summary>
    public static RunOutcome Limit(string tier = "tree", string stdout = "") =>
        new() { Tier = tier, Kind = OutcomeKind.LimitExceeded, Stdout = stdout, Error = new RunError("LimitExceeded", "time limit exceeded", 0) };

    public static RunOutcome OutOfFuel(int line, int column, string tier = "tree", string stdout = "") =>
        new() { Tier = tier, Kind = OutcomeKind.LimitExceeded, Stdout = stdout, Error = new RunError("LimitExceeded", Veld.Runtime.ExecutionContext.FuelExhaustedMessage, line, column) };

    /// <summary>A call stack of (function, line, column) frames, innermost first.</summary>
    public static CallStack Stack(params (string Function, int Line, int Column)[] frames)
    {
        var stack = new CallStack();
        foreach (var (function, line, column) in frames) stack.Add(new TraceFrame(function, line, column));
        return stack;
    }

    public static RunOutcome Unsupported(string tier) =>
        new() { Tier = tier, Kind = OutcomeKind.Unsupported, Stdout = "", Error = new RunError("Unsupported", "no closures yet", 0) };
}

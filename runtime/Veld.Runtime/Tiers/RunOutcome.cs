namespace Veld.Runtime;

public enum OutcomeKind
{
    Success,
    CompileError,
    RuntimeError,
    /// <summary>A run limit was hit. Running out of fuel is deterministic and compared like a runtime error
    /// (<see cref="RunOutcome.RanOutOfFuel"/>); time, memory and cancellation are inconclusive, never a disagreement.</summary>
    LimitExceeded,
    /// <summary>The tier does not support something the program uses; <see cref="RunError.Message"/> says what.</summary>
    Unsupported,
    /// <summary>A bug in a tier: a .NET exception that is not a Veld error. Always a failure.</summary>
    InternalError,
}

/// <summary>An error as observed (docs/SPEC.md section 17): kind ("Compile", a runtime <see cref="ErrorKind"/> name,
/// "Unsupported" or "Internal"), message, line, column where known (0 = unknown), and for a runtime error
/// the Veld call stack, most recent frame first.</summary>
public sealed record RunError(string Kind, string Message, int Line, int Column = 0, CallStack? Stack = null);

/// <summary>Figures every tier reports; null where a tier has no such figure.</summary>
public sealed record RunMetrics
{
    public double? CompileMs { get; init; }
    public double RunMs { get; init; }
    /// <summary>Bytes of executable code (bytecode tiers).</summary>
    public long? CodeBytes { get; init; }
    /// <summary>VM instructions executed (bytecode tiers), an exact count.</summary>
    public long? Instructions { get; init; }
    /// <summary>Bytes allocated by the run thread during the run.</summary>
    public long? AllocatedBytes { get; init; }
}

/// <summary>What one run of one program on one tier did. A run never throws; this says everything.</summary>
public sealed record RunOutcome
{
    public required string Tier { get; init; }
    public required OutcomeKind Kind { get; init; }
    public required string Stdout { get; init; }
    /// <summary>The program's result (unit unless <see cref="Kind"/> is Success).</summary>
    public Value Result { get; init; } = Value.Unit;
    public RunError? Error { get; init; }
    public RunMetrics Metrics { get; init; } = new();

    /// <summary>The run ran out of fuel: deterministic (the same output, position and stack on every tier), so
    /// compared like a runtime error, unlike the other limits.</summary>
    public bool RanOutOfFuel => Kind == OutcomeKind.LimitExceeded && Error?.Message == ExecutionContext.FuelExhaustedMessage;

    /// <summary>The run stopped at what this tier's thread can nest (<see cref="NativeStack.IsCapacityLimit"/>),
    /// below its --max-depth: like a time limit, it says nothing about the program.</summary>
    public bool HitTierCapacity => Kind == OutcomeKind.RuntimeError && Error is { } error && NativeStack.IsCapacityLimit(error.Kind, error.Message);
}

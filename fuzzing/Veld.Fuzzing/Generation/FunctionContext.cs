namespace Veld.Fuzzing.Generation;

/// <summary>What the generator knows about the function whose body it is writing (the top-level
/// script is one too): its result type, the loops around the current point, and a cost estimate that
/// keeps calls nested in loops from multiplying into programs that run for minutes.</summary>
internal sealed class FunctionContext
{
    /// <summary>Result type; null for the top-level script.</summary>
    public VType? Result { get; init; }
    public bool IsScript { get; init; }
    /// <summary>A lambda: no statements that resize collections (a lambda may be called inside a loop over them).</summary>
    public bool IsLambda { get; init; }

    /// <summary>Loops around the current point inside this function (break and continue need one).</summary>
    public int LoopDepth { get; set; }
    /// <summary>Enclosing <c>for</c> loops over arrays or maps: resizing any collection now could break them.</summary>
    public int FrozenCollections { get; set; }
    /// <summary>How many times the current point runs per call of the function (product of loop trip counts).</summary>
    public long Multiplier { get; set; } = 1;
    /// <summary>Estimated steps of one call so far.</summary>
    public long Cost { get; set; }
    public long CostBudget { get; init; } = 4_000;
    /// <summary>Some statement in the body changes a collection's length.</summary>
    public bool Resizes { get; set; }

    /// <summary>Code here may run many times, so values it stores must not grow without bound.</summary>
    public bool Repeated => !IsScript || LoopDepth > 0;

    public bool CanAfford(long steps) => Cost + Saturating(steps, Multiplier) <= CostBudget;
    public void Spend(long steps) => Cost += Saturating(steps, Multiplier);

    private static long Saturating(long a, long b) => a > 0 && b > long.MaxValue / 4 / a ? long.MaxValue / 4 : a * b;
}

namespace Veld.Fuzzing.Generation;

/// <summary>Knobs of the program generator. <see cref="Size"/> is the one most callers change.</summary>
public sealed record GeneratorOptions
{
    /// <summary>Top-level statements of the main program; the number and length of functions, types and
    /// blocks scale with it.</summary>
    public int Size { get; init; } = 30;
    /// <summary>How deep blocks (if, loops, match arms, try) may nest inside one another.</summary>
    public int MaxBlockNesting { get; init; } = 3;
    /// <summary>How deep expressions may nest (operators, calls, constructors).</summary>
    public int MaxExpressionDepth { get; init; } = 3;
    /// <summary>Percentage of programs that end in a deliberate, uncaught runtime error.</summary>
    public int DeliberateErrorPercent { get; init; } = 4;
    /// <summary>Percentage of programs that also call a function with ints, then floats, then strings, and run a
    /// loop whose variable turns from int to float (a JIT's guards fail; see ProgramGenerator.TypeChanging).</summary>
    public int TypeChangingSitePercent { get; init; } = 10;

    public static GeneratorOptions ForSize(int size) => new()
    {
        Size = Math.Max(1, size),
        MaxBlockNesting = size < 10 ? 2 : 3,
        MaxExpressionDepth = size < 10 ? 2 : 3,
    };
}

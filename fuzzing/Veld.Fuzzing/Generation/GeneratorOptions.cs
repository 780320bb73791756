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
    /// <summary>Adds the shapes aimed at VM bugs (edge values, polymorphic sites, closure/control
    /// combinations, big functions); off, the generator writes what it wrote before them.</summary>
    public bool TargetedShapes { get; init; } = true;
    /// <summary>Percentage of programs with a function past 255 constants, and likewise of programs with
    /// a function near 255 registers (when <see cref="TargetedShapes"/> is on).</summary>
    public int BigFunctionPercent { get; init; } = 7;

    public static GeneratorOptions ForSize(int size) => new()
    {
        Size = Math.Max(1, size),
        MaxBlockNesting = size < 10 ? 2 : 3,
        MaxExpressionDepth = size < 10 ? 2 : 3,
    };
}

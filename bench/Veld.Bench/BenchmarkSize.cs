namespace Veld.Bench;

/// <summary>
/// Which size each program runs at: its <c># bench-size</c> (the default of <c>veld bench</c>), its own
/// built-in default (no arguments: the small size the corpus runs), or one size for every program.
/// </summary>
public abstract record BenchmarkSize
{
    private BenchmarkSize() { }

    /// <summary>The program's <c># bench-size: N</c>; a program without one runs at its built-in default.</summary>
    public static BenchmarkSize Bench { get; } = new BenchSizeChoice();
    /// <summary>No arguments: the program picks its small corpus size.</summary>
    public static BenchmarkSize ProgramDefault { get; } = new ProgramDefaultChoice();
    public static BenchmarkSize Fixed(long size) =>
        size > 0 ? new FixedChoice(size) : throw new ArgumentOutOfRangeException(nameof(size), size, "a size must be positive");

    /// <summary>Parses the <c>--size</c> value: a positive integer or <c>default</c>; null when malformed.</summary>
    public static BenchmarkSize? Parse(string text) =>
        text == "default" ? ProgramDefault
        : long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0 ? Fixed(n)
        : null;

    /// <summary>What <c>args()</c> returns for <paramref name="program"/>; empty means its built-in default.</summary>
    public IReadOnlyList<string> ArgsFor(BenchmarkProgram program) => this switch
    {
        FixedChoice f => [f.Size.ToString(System.Globalization.CultureInfo.InvariantCulture)],
        BenchSizeChoice when program.BenchSize is { } size => [size.ToString(System.Globalization.CultureInfo.InvariantCulture)],
        _ => [],
    };

    /// <summary>How the report names the size of <paramref name="program"/>'s runs.</summary>
    public string LabelFor(BenchmarkProgram program) => ArgsFor(program) is [var size] ? size : "default";

    private sealed record BenchSizeChoice : BenchmarkSize;
    private sealed record ProgramDefaultChoice : BenchmarkSize;
    private sealed record FixedChoice(long Size) : BenchmarkSize;
}

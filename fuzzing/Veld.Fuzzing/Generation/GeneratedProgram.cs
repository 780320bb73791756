using Veld.Language.Syntax;

namespace Veld.Fuzzing.Generation;

/// <summary>One generated program: its text, its tree, and what it exercises.</summary>
public sealed record GeneratedProgram
{
    /// <summary>The seed this program was generated from (<see cref="ProgramGenerator.Generate"/> of it gives it back).</summary>
    public required ulong Seed { get; init; }
    public required GeneratorOptions Options { get; init; }
    public required ProgramNode Syntax { get; init; }
    public required string Source { get; init; }
    /// <summary>Feature names (<see cref="Features"/>) that appear in the program.</summary>
    public required IReadOnlySet<string> Features { get; init; }
    /// <summary>The kind of the deliberate uncaught runtime error planted in the program, if any.</summary>
    public string? PlantedError { get; init; }
}

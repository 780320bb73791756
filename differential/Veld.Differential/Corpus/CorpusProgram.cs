using Veld.Language;

namespace Veld.Differential;

/// <summary>
/// A corpus program: its source and the expectations its comments state (see <see cref="ExpectationParser"/>).
/// </summary>
public sealed record CorpusProgram
{
    /// <summary>The path as the user gave it (relative paths stay relative), with '/' separators.</summary>
    public required string Path { get; init; }
    public required Source Source { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    /// <summary>The fuel every run gets (<c># fuel: N</c>), replacing the harness's; null: the harness's.</summary>
    public long? Fuel { get; init; }
    /// <summary>Standard output, one entry per line, in order.</summary>
    public IReadOnlyList<OutputExpectation> Output { get; init; } = [];
    public RuntimeErrorExpectation? RuntimeError { get; init; }
    public StackExpectation? Stack { get; init; }
    public IReadOnlyList<CompileErrorExpectation> CompileErrors { get; init; } = [];
    public ResultExpectation? Result { get; init; }
    public IReadOnlyList<ExpectationProblem> Problems { get; init; } = [];

    /// <summary>True when the program states any expectation. Such a program's output must be exactly
    /// its <see cref="Output"/> lines; a program without expectations only has to run and agree across tiers.</summary>
    public bool HasExpectations =>
        Output.Count > 0 || RuntimeError is not null || CompileErrors.Count > 0 || Result is not null;

    /// <summary>The standard output the expectations describe: every expected line followed by a newline.</summary>
    public string ExpectedStdout => string.Concat(Output.Select(o => o.Text + "\n"));
}

using System.Text.Json;
using System.Text.Json.Serialization;
using Veld.Runtime;

namespace Veld.Cli.Commands;

/// <summary>
/// What <c>veld run --stats</c> writes to standard error after the run: one JSON object on one line, for
/// scripts and benchmarks. Figures a tier does not have are null (the tree-walker has no bytecode, so no
/// <c>codeBytes</c> or <c>instructions</c>). <c>frontEndMs</c> is lexing, parsing and resolving;
/// <c>compileMs</c> is the tier's own compilation of the checked program.
/// </summary>
public sealed record RunStats(
    string Tier,
    string Outcome,
    double? FrontEndMs,
    double? CompileMs,
    double? RunMs,
    long? CodeBytes,
    long? Instructions,
    long? AllocatedBytes)
{
    /// <summary>The JIT tier's figures (absent for other tiers).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JitRunStats? Jit { get; init; }

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static RunStats FromOutcome(RunOutcome outcome, double frontEndMs) => new(
        outcome.Tier, outcome.Kind.ToString(), Round(frontEndMs), Round(outcome.Metrics.CompileMs), Round(outcome.Metrics.RunMs),
        outcome.Metrics.CodeBytes, outcome.Metrics.Instructions, outcome.Metrics.AllocatedBytes);

    /// <summary>For a program the front end rejected: nothing ran.</summary>
    public static RunStats CompileFailed(string tier, double frontEndMs) =>
        new(tier, nameof(OutcomeKind.CompileError), Round(frontEndMs), null, null, null, null, null);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Microsecond resolution is plenty and keeps the line short.</summary>
    private static double? Round(double? ms) => ms is { } v ? Math.Round(v, 3) : null;
}

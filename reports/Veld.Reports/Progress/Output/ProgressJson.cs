using System.Text.Json;
using System.Text.Json.Serialization;

namespace Veld.Reports.Progress;

/// <summary>
/// The report as JSON, schema version 1 (documented in docs/REPORTS.md): camelCase names, enums as
/// their labels ("not started"), ratios as numbers, null where nothing was measured.
/// </summary>
public static class ProgressJson
{
    public const int SchemaVersion = 1;

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static string Serialize(ProgressReport report) => JsonSerializer.Serialize(Document(report), Options);

    private static object Document(ProgressReport r) => new
    {
        schemaVersion = SchemaVersion,
        title = r.Title,
        run = Key(r.Run),
        overallPercent = r.Overall,
        sources = r.Sources,
        hasRegressions = r.HasRegressions,
        phases = r.Phases.Select(p => new
        {
            id = p.Id,
            title = p.Title,
            percent = p.Percent,
            items = p.Items.Select(i => new
            {
                id = i.Id,
                title = i.Title,
                state = i.State.Label(),
                previousState = i.Previous?.Label(),
                fraction = i.Fraction,
                evidence = i.Evidence.Select(e => new { description = e.Description, state = e.State.Label(), met = e.Met, of = e.Of, missing = e.Missing }),
            }),
        }),
        targets = r.Targets.Select(t => new
        {
            id = t.Id,
            title = t.Title,
            metric = t.Metric.ToString(),
            tier = t.Tier,
            baseline = t.Baseline,
            bound = t.Bound,
            measured = t.Measured,
            status = Status(t.Status),
            previousStatus = t.Previous is { } p ? Status(p) : null,
            note = t.Note,
        }),
        risks = r.Risks.Select(k => new { id = k.Id, title = k.Title, mitigation = k.Mitigation, status = k.Status, evidence = k.Evidence.Select(e => new { id = e.Id, title = e.Title, state = e.State }) }),
        figures = r.Figures,
        changes = r.Changes is { } c ? new { against = Key(c.Against), newlyDone = c.NewlyDone, regressed = c.Regressed, targetsCrossed = c.TargetsCrossed } : null,
        history = r.History.Select(h => new { id = h.Id, run = Key(h.Key), overallPercent = h.Overall, phases = h.Phases, figures = h.Figures }),
    };

    private static object Key(RunKey k) => new { commit = k.Commit, branch = k.Branch, time = k.Time.UtcDateTime, machine = k.Machine };

    private static string Status(TargetStatus s) => s.ToString().ToLowerInvariant();
}

namespace Veld.Mutation;

/// <summary>summary.md of a campaign: the area's score, the score of each file, and every survivor with its
/// place, operator and replacement. Score = killed / judged; survivors argued equivalent are subtracted by
/// hand in docs/FUZZING.md.</summary>
public static class SummaryWriter
{
    public static string Write(Area area, IReadOnlyList<Result> results, int population, int? sample, int seed, int dropped, int fuzzCount, bool unitTests)
    {
        var text = new StringWriter();
        int killed = results.Count(r => r.Verdict.Killed);
        text.WriteLine($"# Mutation testing: {area.Name} (`{area.Path}`)\n");
        var sampled = sample is { } n ? $"a seeded sample (seed {seed}) of {Math.Min(n, population)}" : "all";
        text.WriteLine($"Mutants: {sampled} of the {population} mutants selected in the area ({dropped} more of all areas were dropped: the compiler rejected their schemata); {results.Count} judged.");
        var units = unitTests ? $", then the unit tests of `{area.TestProject}` (`dotnet test`) for a mutant the programs left alive" : "";
        text.WriteLine($"Kill suite: the corpus on `tree,{area.Tier}`, then `veld fuzz --seed 1 --count {fuzzCount}` on `tree,{area.Tier}`{units}.\n");
        int byUnits = results.Count(r => r.Verdict.Killed && r.Verdict.Step == KillSuite.UnitTestStep(area));
        var split = byUnits > 0 ? $": {killed - byUnits} by the programs, {byUnits} only by the unit tests" : "";
        text.WriteLine($"**Score: {Score(killed, results.Count)}** ({killed} killed{split}; {results.Count - killed} survived)\n");
        text.WriteLine("| file | judged | killed | survived | score |");
        text.WriteLine("|---|---|---|---|---|");
        foreach (var file in results.GroupBy(r => r.Mutant.File).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            int k = file.Count(r => r.Verdict.Killed);
            text.WriteLine($"| {Path.GetFileName(file.Key)} | {file.Count()} | {k} | {file.Count() - k} | {Score(k, file.Count())} |");
        }
        text.WriteLine("\n## How the mutants were killed\n");
        text.WriteLine("| how | step | mutants |");
        text.WriteLine("|---|---|---|");
        foreach (var how in results.Where(r => r.Verdict.Killed).GroupBy(r => (How: r.Verdict.How.Split(':')[0], r.Verdict.Step)).OrderByDescending(g => g.Count()))
            text.WriteLine($"| {how.Key.How} | {how.Key.Step} | {how.Count()} |");
        text.WriteLine("\n## Surviving mutants\n");
        text.WriteLine("| id | place | operator | original | mutated |");
        text.WriteLine("|---|---|---|---|---|");
        foreach (var r in results.Where(r => !r.Verdict.Killed).OrderBy(r => r.Mutant.File, StringComparer.Ordinal).ThenBy(r => r.Mutant.Line))
            text.WriteLine($"| {r.Mutant.Id} | {Path.GetFileName(r.Mutant.File)}:{r.Mutant.Line} | {r.Mutant.Operator} | `{Cell(r.Mutant.Original)}` | `{Cell(r.Mutant.Mutated)}` |");
        return text.ToString();
    }

    private static string Score(int killed, int judged) => judged == 0 ? "-" : $"{100.0 * killed / judged:0.0}%";

    private static string Cell(string code) => code.Replace("|", "\\|").Replace("`", "'");
}

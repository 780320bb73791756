using System.Globalization;
using System.Text;
using Veld.Fuzzing.Reduction;
using Veld.Runtime;

using Veld.Differential;

namespace Veld.Fuzzing;

/// <summary>
/// Writes a finding as a standalone <c>.veld</c> file: header comments that say where it came from and
/// what each tier did, then the program. Written and flushed to disk before the fuzzer moves on, so a
/// crash or a kill loses nothing already found.
/// </summary>
public static class FindingFile
{
    public static string FileName(FuzzOptions options, long index, bool reduced) =>
        $"fuzz-{options.Seed}-{index}{(reduced ? ".reduced" : "")}.veld";

    /// <summary>Lines of the header <see cref="Render"/> writes: error lines in it are given as lines of the saved file.</summary>
    public static int HeaderLines(FuzzFinding finding) => 6 + finding.Outcomes.Count + (finding.Program.PlantedError is null ? 0 : 1);

    public static string Render(FuzzFinding finding, FuzzOptions options)
    {
        var sb = new StringBuilder();
        int offset = HeaderLines(finding);
        var tiers = string.Join(",", options.Tiers.Select(t => t.Name));
        Comment(sb, $"veld fuzz: {Describe(finding.Kind)}: {finding.Summary}");
        Comment(sb, $"seed {options.Seed}, program {finding.Index}, size {options.Size}, shard {options.ShardIndex}/{options.ShardCount}");
        Comment(sb, $"reproduce: veld fuzz --seed {options.Seed} --index {finding.Index} --size {options.Size} --tiers {tiers}");
        Comment(sb, $"tiers: {tiers} (the first is the oracle)");
        for (int i = 0; i < finding.Outcomes.Count; i++)
            Comment(sb, $"{finding.Outcomes[i].Tier}{(i == 0 ? " (oracle)" : "")}: {Describe(finding.Outcomes[i], offset)}");
        if (finding.Program.PlantedError is { } planted) Comment(sb, $"planted error: {planted}");
        Comment(sb, $"features: {string.Join(", ", finding.Program.Features)}");
        sb.Append('\n');
        System.Diagnostics.Debug.Assert(sb.ToString().Count(c => c == '\n') == offset);
        sb.Append(finding.Program.Source);
        return sb.ToString();
    }

    public static string RenderReduced(FuzzFinding finding, ReductionResult reduction, FuzzOptions options)
    {
        var sb = new StringBuilder();
        Comment(sb, $"veld fuzz: {Describe(finding.Kind)}: {finding.Summary}");
        Comment(sb, $"reduced from {FileName(options, finding.Index, reduced: false)}: {reduction.Summary}");
        Comment(sb, $"culprits: {string.Join(", ", finding.Culprits)}; oracle: {options.Tiers[0].Name}");
        sb.Append('\n').Append(reduction.Source);
        return sb.ToString();
    }

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/>, forced to disk and atomically replacing it.</summary>
    public static void WriteDurably(string path, string text) => AtomicFile.WriteText(path, text);

    private static string Describe(FindingKind kind) => kind switch
    {
        FindingKind.Disagreement => "tiers disagree",
        FindingKind.Crash => "a tier crashed",
        _ => "the front end rejected a generated program",
    };

    /// <summary>One line about a run: its kind, and the error or a glimpse of the output and result.
    /// <paramref name="lineOffset"/> is added to source lines (the header above the program).</summary>
    public static string Describe(RunOutcome o, int lineOffset = 0)
    {
        int Line(int line) => line > 0 ? line + lineOffset : line;
        int lines = o.Stdout.Length == 0 ? 0 : o.Stdout.Count(c => c == '\n') + (o.Stdout.EndsWith('\n') ? 0 : 1);
        var output = $"{lines} line(s) of output";
        return o.Kind switch
        {
            OutcomeKind.Success => $"Success; {output}; result {Show(o.Result)}",
            OutcomeKind.RuntimeError => $"RuntimeError {o.Error?.Kind} at line {Line(o.Error?.Line ?? 0)}: {o.Error?.Message}; {output}",
            OutcomeKind.CompileError => $"CompileError at {Line(o.Error?.Line ?? 0)}:{o.Error?.Column}: {o.Error?.Message}",
            _ => $"{o.Kind}: {o.Error?.Message}; {output}",
        };
    }

    private static string Show(Value v)
    {
        try
        {
            var text = Display.ShowNested(v);
            return $"{text} ({Display.TypeName(v)})";
        }
        catch (Exception e) when (e is VeldRuntimeException or InvalidOperationException)
        {
            return $"<{v.Kind}>";
        }
    }

    /// <summary>A comment line: one physical line, control characters made visible, long text cut.</summary>
    private static void Comment(StringBuilder sb, string text)
    {
        var clean = new StringBuilder();
        foreach (var c in text)
            clean.Append(c switch { '\n' => "\\n", '\r' => "\\r", '\t' => "\\t", _ when char.IsControl(c) => $"\\u{{{(int)c:x}}}", _ => c.ToString() });
        var line = clean.ToString();
        if (line.Length > 240) line = line[..237] + "...";
        sb.Append("# ").Append(line.ToString(CultureInfo.InvariantCulture)).Append('\n');
    }
}

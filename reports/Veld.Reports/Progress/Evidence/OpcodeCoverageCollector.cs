using System.Text.RegularExpressions;
using Veld.Differential;
using Veld.Language.Syntax;

namespace Veld.Reports.Progress;

/// <summary>
/// Which opcodes of a tier's instruction set its compiler emits over a set of programs, read from the
/// tier's disassembly (every tier that has one shows one mnemonic per instruction). This is coverage of
/// the compiler's output, not of execution: counting executed opcodes would put a counter in each VM's
/// dispatch loop, which this report does without.
/// </summary>
public static partial class OpcodeCoverageCollector
{
    /// <summary>Upper-case words outside string constants and ';' comments; a "_W" (wide) suffix names the same opcode.</summary>
    [GeneratedRegex(@"\b([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*?)(_W)?\b")]
    private static partial Regex Word();

    /// <summary>The stack VM's operand-widening prefix, shown as the "_W" suffix of the instruction it widens.</summary>
    private const string WidePrefix = "WIDE";

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"")]
    private static partial Regex StringLiteral();

    /// <param name="instructionSets">Per tier, every mnemonic of its instruction set.</param>
    public static IReadOnlyDictionary<string, OpcodeCoverage> Collect(IReadOnlyList<CheckedProgram> programs,
        IEnumerable<TierRegistration> tiers, IReadOnlyDictionary<string, IReadOnlyList<string>> instructionSets)
    {
        var coverage = new Dictionary<string, OpcodeCoverage>(StringComparer.Ordinal);
        foreach (var tier in tiers)
        {
            if (tier.Disassemble is not { } disassemble || !instructionSets.TryGetValue(tier.Name, out var set)) continue;
            var known = set.ToHashSet(StringComparer.Ordinal);
            var emitted = new HashSet<string>(StringComparer.Ordinal);
            foreach (var program in programs)
            {
                string text;
                try { text = disassemble(program); }
                catch (Exception e) when (e is not OutOfMemoryException) { continue; } // a construct the tier does not compile: the diff reports it
                emitted.UnionWith(Mnemonics(text, known));
            }
            coverage[tier.Name] = new OpcodeCoverage(set, emitted);
        }
        return coverage;
    }

    public static IEnumerable<string> Mnemonics(string disassembly, IReadOnlySet<string> known)
    {
        foreach (var rawLine in disassembly.Split('\n'))
        {
            var line = StringLiteral().Replace(rawLine, "");
            if (line.IndexOf(';') is >= 0 and var comment) line = line[..comment];
            foreach (Match m in Word().Matches(line))
            {
                if (known.Contains(m.Groups[1].Value)) yield return m.Groups[1].Value;
                if (m.Groups[2].Success && known.Contains(WidePrefix)) yield return WidePrefix;
            }
        }
    }
}

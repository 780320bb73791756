using Veld.Fuzzing;
using Veld.Language;
using Veld.Runtime;

namespace Veld.Fuzzing.Reduction;

/// <summary>The tests of interest the reducer keeps passing (<c>veld reduce</c>'s two modes).</summary>
public static class Interestingness
{
    /// <summary>
    /// The program still makes some tier of <paramref name="others"/> disagree with <paramref name="oracle"/>.
    /// Runs that hit a limit or are unsupported count as agreement, so a reduction never drifts into
    /// a program that merely runs too long.
    /// </summary>
    public static Func<string, bool> TiersDisagree(ITier oracle, IReadOnlyList<ITier> others, OutcomeJudge judge, RunOptions options)
    {
        return source =>
        {
            var compiled = VeldCompiler.Compile(new Source("reduce.veld", source));
            if (!compiled.Success) return false;
            var expected = GuardedRun.Run(oracle, compiled.Program!, options);
            if (expected.Kind is OutcomeKind.LimitExceeded or OutcomeKind.Unsupported) return false;
            foreach (var tier in others)
                if (judge(expected, GuardedRun.Run(tier, compiled.Program!, options)).Verdict == Verdict.Disagree)
                    return true;
            return false;
        };
    }

    /// <summary>Some tier of <paramref name="tiers"/> still crashes (an internal error, not a Veld error).</summary>
    public static Func<string, bool> TierCrashes(IReadOnlyList<ITier> tiers, RunOptions options)
    {
        return source =>
        {
            var compiled = VeldCompiler.Compile(new Source("reduce.veld", source));
            return compiled.Success && tiers.Any(t => GuardedRun.Run(t, compiled.Program!, options).Kind == OutcomeKind.InternalError);
        };
    }

    /// <summary>Some tier of <paramref name="tiers"/> still ends the program with runtime error <paramref name="kind"/>.</summary>
    public static Func<string, bool> RaisesError(IReadOnlyList<ITier> tiers, string kind, RunOptions options)
    {
        return source =>
        {
            var compiled = VeldCompiler.Compile(new Source("reduce.veld", source));
            if (!compiled.Success) return false;
            foreach (var tier in tiers)
            {
                var outcome = GuardedRun.Run(tier, compiled.Program!, options);
                if (outcome.Kind == OutcomeKind.RuntimeError && string.Equals(outcome.Error?.Kind, kind, StringComparison.Ordinal))
                    return true;
            }
            return false;
        };
    }
}

using Veld.Language;
using Veld.Language.Syntax;

namespace Veld.Fuzzing.Generation;

// Sites that change type during a run, so that a JIT's type guards fail and its deoptimisations run: the same
// function is called with ints, then floats, then strings (or ints again), and a loop-carried variable turns
// from int to float halfway through its loop. The generator's typed model has no dynamic types, so these
// come as a small template parsed into syntax, with fresh names and random shapes.
public sealed partial class ProgramGenerator
{
    /// <summary>Statements for <see cref="GeneratorOptions.TypeChangingSitePercent"/> percent of programs.</summary>
    private IEnumerable<Stmt> TypeChangingSites()
    {
        // Set to 0, the mode draws nothing: programs are those of a generator without it.
        if (_opt.TypeChangingSitePercent <= 0 || !_r.Percent(_opt.TypeChangingSitePercent)) return [];
        Feature(TypeChangingSitesFeature);
        string step = Fresh("retyped_"), drift = Fresh("drifting_");
        string op = _r.Pick(["+", "-", "*"]);
        // Strings only support +; after the floats, the other operators see ints again.
        string third = op == "+" ? "(k.to_str(), \"x\")" : "(k, 2)";
        int rounds = _r.Range(2, 6), calls = _r.Range(6, 15), turn = _r.Range(1, 8);
        string source = $$"""
            fn {{step}}(v, w)
                var acc = v
                for i in 0..{{rounds}} do
                    acc = acc {{op}} w
                end
                acc
            end
            fn {{drift}}(n)
                var x = 0
                for i in 0..n do
                    if i == {{turn}} then x = x * 0.5 end
                    x = x + i
                end
                x
            end
            for k in 0..{{3 * calls}} do
                if k < {{calls}} then
                    println({{step}}(k, 3))
                else if k < {{2 * calls}} then
                    println({{step}}(k * 0.5, 1.25))
                else
                    println({{step}}{{third}})
                end
                println({{drift}}(k))
            end
            """;
        var (syntax, diagnostics) = VeldCompiler.Parse(new Source("type-changing-sites", source));
        if (diagnostics.Count > 0) throw new InvalidOperationException("type-changing template: " + diagnostics[0].Message);
        return syntax.Statements;
    }

    /// <summary>The feature these sites record (kept out of <see cref="Features.All"/>, which lists the typed model's features).</summary>
    public const string TypeChangingSitesFeature = "type-changing-sites";
}

using Veld.Language.Syntax;
using static Veld.Fuzzing.Generation.SyntaxFactory;

namespace Veld.Fuzzing.Generation;

// match: literal, range, tuple and variant patterns, bindings, guards; always exhaustive (a catch-all
// arm unless every variant is covered), so a Match error only comes from a deliberate error.
public sealed partial class ProgramGenerator
{
    private Expr MatchValue(VType result, int d)
    {
        var scrutineeType = Choose<VType>(
            (40, () => VType.Int),
            (15, () => VType.Str),
            (_enums.Count > 0 ? 30 : 0, () => _r.Pick(_enums).Type),
            (10, () => RandomTupleType(0)),
            (5, () => VType.Bool),
            (4, () => VType.Float));
        var scrutinee = PickVar(scrutineeType) is { } v && _r.Percent(60) ? NameOf(v) : Gen(scrutineeType, Math.Max(d - 1, 1));
        return MatchOn(scrutinee, scrutineeType, result, d);
    }

    private MatchExpr MatchOn(Expr scrutinee, VType scrutineeType, VType result, int d)
    {
        Feature(Features.Match);
        _blockNesting++;
        var arms = new List<MatchArm>();
        bool exhaustive = false;
        switch (scrutineeType)
        {
            case EnumType et:
                exhaustive = VariantArms(et.Info, result, d, arms);
                break;
            case TupleType tt:
                Feature(Features.MatchTuples);
                for (int i = _r.Range(1, 2); i > 0; i--)
                    arms.Add(ArmFor(() => TuplePattern(tt), result, d));
                break;
            default:
                if (scrutineeType.Equals(VType.Bool))
                {
                    // Exhaustive without a catch-all only if neither arm has a guard.
                    bool both = _r.Percent(60);
                    arms.Add(ArmFor(() => LitPattern(true), result, d, allowGuard: !both));
                    if (both)
                    {
                        arms.Add(ArmFor(() => LitPattern(false), result, d, allowGuard: false));
                        exhaustive = true;
                    }
                }
                else
                {
                    var used = new List<object>();
                    for (int i = _r.Range(1, 3); i > 0; i--)
                        arms.Add(ArmFor(() => ScalarPattern(scrutineeType, used), result, d));
                }
                break;
        }
        if (!exhaustive)
        {
            // The catch-all: `_`, or a name that binds the value.
            arms.Add(ArmFor(() =>
            {
                if (_r.Percent(60)) return Wildcard();
                var name = Fresh(scrutineeType);
                _scope.Declare(new VarInfo(name, scrutineeType));
                return Bind(name);
            }, result, d, allowGuard: false));
        }
        _blockNesting--;
        return Match(scrutinee, arms);
    }

    /// <summary>One arm: the pattern (declaring its names in the arm's scope), maybe a guard, and a body.</summary>
    private MatchArm ArmFor(Func<Pattern> pattern, VType result, int d, bool allowGuard = true)
    {
        return Scoped(() =>
        {
            var before = _scope.Innermost.Count;
            var p = pattern();
            var bound = _scope.Innermost.Skip(before).ToList();
            var savedPreferred = _preferred;
            _preferred = [.. bound, .. _preferred];
            Expr? guard = null;
            if (allowGuard && _r.Percent(20))
            {
                Feature(Features.MatchGuards);
                guard = BoolTerm(1);
            }
            var body = result.Equals(VType.Unit) ? UnitArmBody() : Gen(result, Math.Max(d - 1, 0));
            _preferred = savedPreferred;
            return Arm(p, body, guard);
        });
    }

    private Expr UnitArmBody() => _r.Below(10) switch
    {
        < 6 => Call("println", Gen(_r.Pick([VType.Int, VType.Str, VType.Float]), 2)),
        < 9 when CanNest => Do(NestedBlock(_r.Range(1, 2))),
        _ => Unit(),
    };

    private Pattern ScalarPattern(VType t, List<object> used)
    {
        if (t.Equals(VType.Int))
        {
            if (_r.Percent(25))
            {
                Feature(Features.MatchRanges);
                long lo = _r.Range(-5, 20);
                return new RangePattern { Low = lo, High = lo + _r.Range(1, 10), Inclusive = _r.Percent(60) };
            }
            if (_r.Percent(15))
            {
                // A binding with a guard narrows it.
                var name = Fresh("k");
                _scope.Declare(new VarInfo(name, VType.Int));
                return Bind(name);
            }
            long v = _r.Range(-3, 12);
            while (used.Contains(v)) v++;
            used.Add(v);
            return LitPattern(v);
        }
        if (t.Equals(VType.Float))
        {
            var f = _r.Pick([0.5, 1.5, 0.0, -3.75, 2.0, 100.0]);
            return LitPattern(f);
        }
        var s = _r.Pick(StrPool);
        return LitPattern(s);
    }

    private Pattern TuplePattern(TupleType tt)
    {
        var items = new List<Pattern>();
        foreach (var e in tt.Elements)
        {
            int roll = _r.Below(10);
            if (roll < 3) items.Add(Wildcard());
            else if (roll < 6 && (e.Equals(VType.Int) || e.Equals(VType.Bool) || e.Equals(VType.Str)))
                items.Add(e.Equals(VType.Int) ? LitPattern((long)_r.Range(-2, 5)) : e.Equals(VType.Bool) ? LitPattern(_r.Percent(50)) : LitPattern(_r.Pick(StrPool)));
            else if (e is TupleType inner && _r.Percent(50)) items.Add(TuplePattern(inner));
            else
            {
                var name = Fresh(e);
                _scope.Declare(new VarInfo(name, e));
                items.Add(Bind(name));
            }
        }
        return TuplePat(items);
    }

    /// <summary>Arms for an enum's variants; returns true when they cover every value without a catch-all.</summary>
    private bool VariantArms(EnumInfo info, VType result, int d, List<MatchArm> arms)
    {
        Feature(Features.MatchVariants);
        var variants = info.Variants.ToList();
        _r.Shuffle(variants);
        bool all = _r.Percent(60);
        if (!all) variants = variants.Take(_r.Range(1, variants.Count)).ToList();
        bool refutable = false;
        foreach (var variant in variants)
        {
            var arm = ArmFor(() =>
            {
                if (variant.Payload.Count == 0)
                    return VariantPat(info.Name, variant.Name, null); // a unit variant is always qualified
                var payload = new List<Pattern>();
                foreach (var p in variant.Payload)
                {
                    int roll = _r.Below(10);
                    if (roll < 2) payload.Add(Wildcard());
                    else if (roll < 3 && p.Equals(VType.Int)) { payload.Add(LitPattern((long)_r.Range(0, 3))); refutable = true; }
                    else
                    {
                        var name = Fresh(p);
                        _scope.Declare(new VarInfo(name, p));
                        payload.Add(Bind(name));
                    }
                }
                // A bare variant name is allowed when exactly one enum declares it (the generator keeps names unique).
                return VariantPat(_r.Percent(70) ? info.Name : null, variant.Name, payload);
            }, result, d, allowGuard: true);
            if (arm.Guard is not null) refutable = true;
            arms.Add(arm);
        }
        return all && !refutable && variants.Count == info.Variants.Count;
    }
}

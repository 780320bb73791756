using System.Globalization;
using System.Text;
using Veld.Language.Syntax;

namespace Veld.Fuzzing.Generation;

// Big functions: instruction forms change where operand fields run out. A register VM constant index
// past 254 no longer fits the B/C field (EXTRAARG, or a LOADK into a temporary), a stack VM index past
// 255 needs WIDE, and a frame near 255 registers leaves little room for call windows. The rest of the
// generator writes small functions that never get there.
public sealed partial class ProgramGenerator
{
    /// <summary>
    /// A function that folds 260-330 distinct constants (ints past the LOADI range, floats, strings) into
    /// three accumulators, then uses constants of every operand kind after them: arithmetic and comparisons
    /// with a constant operand, a field name, a builtin call, a print template, a method call site (one in
    /// tail position).
    /// </summary>
    private List<Stmt> ManyConstants()
    {
        Feature(Features.BigFunctions);
        var fn = Fresh("big");
        var body = new StringBuilder();
        int constants = _r.Range(260, 330);
        long nextInt = 70_000 + _r.Below(1000);
        for (int i = 0; i < constants; i++)
        {
            switch (_r.Below(10))
            {
                case < 6:
                    nextInt += _r.Range(1, 5000);
                    body.AppendLine(CultureInfo.InvariantCulture, $"    acc = (acc * 3 + {nextInt}) % 999983");
                    break;
                case < 8:
                    body.AppendLine(CultureInfo.InvariantCulture, $"    fl = (fl + {i}.{_r.Range(1, 99):D2}) % 1000.0");
                    break;
                default:
                    body.AppendLine(CultureInfo.InvariantCulture, $"    s = (s + \"k{i}\").substring(0, min(s.len() + 2, 12))");
                    break;
            }
        }
        var m = Fresh("m");
        var args = Enumerable.Range(0, _r.Range(2, 4)).Select(_ => _r.Range(-1000, 1000).ToString(CultureInfo.InvariantCulture)).ToList();
        return TemplateText.Parse($$"""
            fn {{fn}}(a, {{m}})
                var acc = a
                var fl = 0.5
                var s = ""
            {{body}}
                println(acc, fl, s)
                println(acc + 70001, acc - 123457, acc * 65537, fl * 2.75, acc == 999001, acc != 888887, fl < 333.25, s == "k_missing")
                println({{m}}.wide_key, {{m}}["other_key"], {{m}}.len(), s.to_upper(), type_of(acc), abs(acc - 500000))
                {{m}}.wide_key = acc
                println~("acc {acc}, fl {fl}, s {s}")
                let shown = format~("{acc}/{s}")
                if acc > 777777 then "high" else if fl >= 444.5 then shown else s.to_upper() end
            end
            for a in [{{string.Join(", ", args)}}] do println({{fn}}(a, {wide_key: 1, other_key: "o"})) end
            """);
    }

    /// <summary>
    /// A function with 150-190 live locals (the language allows 200), all read at the end, and calls whose
    /// argument windows sit above them: the frame comes near the register VM's 255 registers.
    /// </summary>
    private List<Stmt> ManyRegisters()
    {
        Feature(Features.ManyRegisters);
        var fn = Fresh("wide");
        int locals = _r.Range(150, 190);
        var body = new StringBuilder();
        for (int i = 1; i <= locals; i++)
        {
            string init = i == 1 ? "a" : _r.Below(3) switch
            {
                0 => $"(v{i - 1} + {i}) % 1009",
                1 => $"(v{_r.Range(1, i - 1)} * 3 - a) % 1009",
                _ => $"(v{_r.Range(1, i - 1)} - v{i - 1}) % 1009",
            };
            body.AppendLine(CultureInfo.InvariantCulture, $"    let v{i} = {init}");
        }
        // Sums of 15 locals at a time (an operator chain of hundreds of terms would hit the nesting limit).
        var sums = Enumerable.Range(0, (locals + 14) / 15)
            .Select(g => string.Join(" + ", Enumerable.Range(g * 15 + 1, Math.Min(15, locals - g * 15)).Select(i => $"v{i}")));
        int window = _r.Range(20, 45);
        var windowArgs = Enumerable.Range(0, window).Select(_ => $"v{_r.Range(1, locals)}").ToList();
        return TemplateText.Parse($"""
            fn {fn}(a)
            {body}
                println({string.Join(", ", sums)})
                println({string.Join(", ", windowArgs)})
                [{string.Join(", ", windowArgs.Take(10))}].len() + v{locals}
            end
            println({fn}({_r.Range(-50, 50)}), {fn}({_r.Range(-50, 50)}))
            """);
    }
}

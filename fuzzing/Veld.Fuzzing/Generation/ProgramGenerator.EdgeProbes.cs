using Veld.Language.Syntax;

namespace Veld.Fuzzing.Generation;

// Edge-value probes: one function applies random operators to its two parameters and to immediates at
// the encoding limits, and a loop calls it with pairs drawn from EdgeValues (ints, floats, mixes, equal
// operands). Parameters keep the operands out of the constant folder, so every operation runs in the VM;
// operations that may raise (overflow, division by zero, type) are guarded, so all of them run.
public sealed partial class ProgramGenerator
{
    private static readonly string[] EdgeArithmetic = ["+", "-", "*", "/", "%"];
    private static readonly string[] EdgeBitwise = ["&", "|", "^", "<<", ">>"];
    private static readonly string[] EdgeComparisons = ["<", "<=", ">", ">=", "==", "!="];

    private List<Stmt> EdgeProbe()
    {
        Feature(Features.EdgeValues);
        Feature(Features.ImmediateLimits);
        Feature(Features.EqualOperandComparisons);
        Feature(Features.TryCatch);
        var fn = Fresh("edge");
        var lines = new List<string>();
        int printed = _r.Range(3, 5);
        for (int i = 0; i < printed; i++)
        {
            var items = Enumerable.Range(0, _r.Range(3, 6)).Select(_ => _r.Percent(55) ? EdgeOperation() : EdgeComparison());
            lines.Add($"    println({string.Join(", ", items)})");
        }
        if (_r.Percent(40))
        {
            // A compound assignment with an immediate operand, on a local that starts as the parameter.
            lines.Add($"    println({TemplateText.Guarded($"do var t = a  t {_r.Pick(EdgeArithmetic.Take(3).ToArray())}= {_r.Pick(EdgeValues.Immediates)}  t end")})");
        }

        var pairs = new List<string>();
        int count = _r.Range(4, 7);
        for (int i = 0; i < count; i++)
        {
            var (a, b) = _r.Below(6) switch
            {
                0 => _r.Pick(EdgeValues.Pairs),
                1 => EqualPair(),
                2 => (_r.Pick(EdgeValues.Ints), _r.Pick(EdgeValues.Floats)),
                3 => (_r.Pick(EdgeValues.Floats), _r.Pick(EdgeValues.Floats)),
                _ => (_r.Pick(EdgeValues.Ints), _r.Pick(EdgeValues.Ints)),
            };
            pairs.Add($"({a}, {b})");
        }
        var x = Fresh("x");
        var y = Fresh("y");
        return TemplateText.Parse($"""
            fn {fn}(a, b)
            {string.Join("\n", lines)}
            end
            for ({x}, {y}) in [{string.Join(", ", pairs)}] do {fn}({x}, {y}) end
            """);
    }

    /// <summary>The same value twice: comparisons at equal operands, <c>MIN - MIN</c>, <c>nan == nan</c>.</summary>
    private (string, string) EqualPair()
    {
        var v = _r.Percent(60) ? _r.Pick(EdgeValues.Ints) : _r.Pick(EdgeValues.Floats);
        return (v, v);
    }

    private string EdgeOperand() => _r.Percent(65) ? _r.Pick(["a", "b"]) : _r.Pick(EdgeValues.Immediates);

    /// <summary>An operation that may raise, guarded so its error shows as a value.</summary>
    private string EdgeOperation()
    {
        string expr = _r.Below(8) switch
        {
            < 3 => $"a {_r.Pick(EdgeArithmetic)} {(_r.Percent(50) ? "b" : _r.Pick(EdgeValues.Immediates))}",
            3 => $"{_r.Pick(EdgeValues.Immediates)} {_r.Pick(EdgeArithmetic)} a",
            4 => _r.Percent(60) ? $"a {_r.Pick(EdgeBitwise)} b" : $"a {_r.Pick(EdgeBitwise)} {_r.Range(0, 64)}",
            5 => _r.Pick(["-a", "-b", "abs(a)", "a as int", "b as float", "(a - b) as str"]),
            6 => $"{_r.Pick(["min", "max"])}({EdgeOperand()}, {EdgeOperand()})",
            // Small exponents only: an int power by squaring is fast, a naive loop over a huge exponent is not.
            _ => $"a *^ {_r.Pick(["0", "1", "2", "3", "62", "63", "64", "-1", "0.5"])}",
        };
        return TemplateText.Guarded(expr);
    }

    /// <summary>A comparison used as a value (SETxx), as a condition (a fused test and jump), or combined with <c>and</c>/<c>or</c>.</summary>
    private string EdgeComparison()
    {
        string Compare() => _r.Below(3) switch
        {
            0 => $"a {_r.Pick(EdgeComparisons)} b",
            1 => $"a {_r.Pick(EdgeComparisons)} {_r.Pick(EdgeValues.Immediates)}",
            _ => $"{_r.Pick(EdgeValues.Immediates)} {_r.Pick(EdgeComparisons)} a",
        };
        return _r.Below(4) switch
        {
            0 => $"if {Compare()} then \"y\" else \"n\" end",
            1 => $"({Compare()}) {_r.Pick(["and", "or"])} ({Compare()})",
            _ => Compare(),
        };
    }
}

using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace Veld.RegisterVm.Fuzzing;

/// <summary>
/// Random Veld programs that stress register allocation: expressions nested inside call arguments,
/// block expressions declaring locals in the middle of expressions, closures capturing loop variables,
/// matches with guards, loops with break/continue, try/catch, compound assignment. A program is a list
/// of independent top-level statements (each prints one value), so dropping any statement leaves a valid
/// program: that is how a failing program shrinks.
/// </summary>
public static class RegisterPressureProgramGenerator
{
    /// <summary>A generated program: helper functions followed by independent statements.</summary>
    public sealed record GeneratedProgram(IReadOnlyList<string> Functions, IReadOnlyList<string> Statements)
    {
        public string Source => string.Join("\n", Functions.Concat(Statements)) + "\n";
        public override string ToString() => Source;
    }

    private const int Helpers = 3;

    public static Gen<GeneratedProgram> Programs(int maxStatements = 8) =>
        from h0 in Helper(0)
        from h1 in Helper(1)
        from h2 in Helper(2)
        from count in Gen.Choose(1, maxStatements)
        from statements in Gen.ListOf(Statement(), count)
        select new GeneratedProgram([h0, h1, h2], [.. statements]);

    /// <summary>Smaller programs: each statement dropped in turn (helpers are kept: statements call them).</summary>
    public static IEnumerable<GeneratedProgram> Shrink(GeneratedProgram p)
    {
        for (int i = 0; i < p.Statements.Count && p.Statements.Count > 1; i++)
            yield return p with { Statements = [.. p.Statements.Where((_, n) => n != i)] };
    }

    public static Arbitrary<GeneratedProgram> Arbitrary(int maxStatements = 8) =>
        Arb.From(Programs(maxStatements), Shrink);

    private static Gen<string> Helper(int n) =>
        from body in Expr(new Scope(["a", "b"], Helpers: n), 2)
        select $"fn h{n}(a, b) {body} end";

    private static Gen<string> Statement() =>
        from e in Expr(new Scope([], Helpers), 3)
        select $"println({e})";

    /// <summary>The names visible where an expression is generated, and how many helpers it may call.</summary>
    private sealed record Scope(IReadOnlyList<string> Names, int Helpers, int Depth = 0)
    {
        public Scope With(string name) => this with { Names = [.. Names, name] };
        public string Fresh(string prefix) => $"{prefix}{Names.Count}_{Depth}";
        public Scope Deeper => this with { Depth = Depth + 1 };
    }

    /// <summary>An int-valued expression (it may still raise: overflow, index, match).</summary>
    private static Gen<string> Expr(Scope s, int depth)
    {
        var leaves = new List<(int, Gen<string>)>
        {
            (3, Gen.Choose(-5, 20).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        };
        if (s.Names.Count > 0) leaves.Add((5, Gen.Elements(s.Names.ToArray())));
        if (depth <= 0) return Gen.Frequency(leaves.ToArray());

        var d = s.Deeper;
        Gen<string> Sub() => Expr(d, depth - 1);
        var all = new List<(int, Gen<string>)>(leaves)
        {
            (4, from a in Sub() from op in Gen.Elements("+", "-", "*") from b in Sub() select $"({a} {op} {b})"),
            (1, from a in Sub() from m in Gen.Choose(1, 7) select $"({a} % {m})"),
            (2, from c in Cond(d, depth - 1) from a in Sub() from b in Sub() select $"if {c} then {a} else ({b}) end"),
            (3, Block(s, depth)),
            (1, from a in Sub() from b in Sub() from c in Sub() from i in Gen.Choose(0, 2) select $"[{a}, {b}, {c}][{i}]"),
            (1, from a in Sub() from b in Sub() select $"({a}, {b}).1"),
            (1, from a in Sub() from b in Sub() select $"[{a}, {b}].len()"),
            (2, Match(s, depth)),
            (2, Loop(s, depth)),
            (1, Closure(s, depth)),
            (1, from a in Sub() from b in Sub() select $"try\n{a}\ncatch e\n{b}\nend"),
        };
        if (s.Helpers > 0)
            all.Add((3, from h in Gen.Choose(0, s.Helpers - 1) from a in Sub() from b in Sub() select $"h{h}({a}, {b})"));
        return Gen.Frequency(all.ToArray());
    }

    private static Gen<string> Cond(Scope s, int depth) => Gen.Frequency(
        (4, from a in Expr(s, depth) from op in Gen.Elements("<", "<=", ">", ">=", "==", "!=") from b in Expr(s, depth) select $"{a} {op} {b}"),
        (1, from a in Expr(s, depth) from b in Expr(s, depth) select $"!({a} == {b})"),
        (1, from a in Expr(s, depth) from b in Expr(s, depth) from c in Expr(s, depth) select $"({a} < {b} and {b} < {c})"),
        (1, from a in Expr(s, depth) from b in Expr(s, depth) select $"({a} > 3 or {b} > 3)"));

    /// <summary><c>do let x = e  [var y = e  y += x]  e end</c>: locals declared mid-expression.</summary>
    private static Gen<string> Block(Scope s, int depth)
    {
        string x = s.Fresh("x"), y = s.Fresh("y");
        return from init in Expr(s.Deeper, depth - 1)
               from mutate in Gen.Elements(true, false)
               from second in Expr(s.Deeper.With(x), depth - 1)
               from result in Expr(s.Deeper.With(x).With(y), depth - 1)
               select mutate
                   ? $"do\nlet {x} = {init}\nvar {y} = {second}\n{y} += {x}\n{result}\nend"
                   : $"do\nlet {x} = {init}\nlet {y} = {second}\n{result}\nend";
    }

    private static Gen<string> Match(Scope s, int depth)
    {
        string n = s.Fresh("n");
        return from scrutinee in Expr(s.Deeper, depth - 1)
               from a in Expr(s.Deeper, depth - 1)
               from b in Expr(s.Deeper.With(n), depth - 1)
               from c in Expr(s.Deeper, depth - 1)
               select $"match {scrutinee}\n0 => {a}\n{n} where {n} > 5 => {b}\n1..=3 => {c}\n_ => 7\nend";
    }

    /// <summary>A loop summing into a var, with closures capturing the loop variable and an early exit.</summary>
    private static Gen<string> Loop(Scope s, int depth)
    {
        string acc = s.Fresh("acc"), i = s.Fresh("i"), fs = s.Fresh("fs");
        var inner = s.Deeper.With(acc).With(i);
        return from n in Gen.Choose(0, 6)
               from body in Expr(inner, depth - 1)
               from element in Expr(s.Deeper.With(i), depth - 1)
               from kind in Gen.Choose(0, 2)
               select kind switch
               {
                   0 => $"do\nvar {acc} = 0\nfor {i} in 0..{n} do\nif {i} == 4 then break end\n{acc} += {body}\nend\n{acc}\nend",
                   1 => $"do\nvar {acc} = 0\nvar {i} = 0\nwhile {i} < {n} do\n{i} += 1\nif {i} == 2 then continue end\n{acc} += {body}\nend\n{acc}\nend",
                   _ => $"do\nlet {fs} = []\nfor {i} in [1, 2, 3] do\nlet {acc} = {element}\n{fs}.push(() => {acc} + {i})\nend\n{fs}.map(f => f()).reduce(0, (p, q) => p + q)\nend",
               };
    }

    private static Gen<string> Closure(Scope s, int depth)
    {
        string f = s.Fresh("f"), p = s.Fresh("p");
        return from captured in Expr(s.Deeper, depth - 1)
               from body in Expr(s.Deeper.With(p), depth - 1)
               from arg in Expr(s.Deeper, depth - 1)
               select $"do\nlet {f} = {p} => {body} + {captured}\n{f}({arg})\nend";
    }

    /// <summary>A readable one-line description for reports.</summary>
    public static string Describe(GeneratedProgram p)
    {
        var sb = new StringBuilder();
        foreach (var line in p.Functions.Concat(p.Statements)) sb.Append("    ").Append(line).Append('\n');
        return sb.ToString();
    }
}

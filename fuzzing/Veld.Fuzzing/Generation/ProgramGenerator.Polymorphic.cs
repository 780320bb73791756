using Veld.Language.Syntax;

namespace Veld.Fuzzing.Generation;

// Polymorphic sites: the rest of the generator is statically typed, so a field access, a method call or
// an operator only ever sees one kind of value. These probes send several kinds through one site: struct
// types that share field names in different orders (an inline cache keyed on nothing, or on the wrong
// thing, answers with the wrong slot), values of several kinds into one operator, containers that carry
// them, and map keys named like builtin methods.
public sealed partial class ProgramGenerator
{
    /// <summary>Two or three struct types with a common field <c>x</c> at different positions, each with
    /// its own <c>get</c>; one function reads and writes <c>x</c> and calls <c>get</c> on all of them.</summary>
    private List<Stmt> PolymorphicStructs()
    {
        Feature(Features.PolymorphicSites);
        Feature(Features.Structs);
        Feature(Features.Methods);
        var a = Fresh("PolyA");
        var b = Fresh("PolyB");
        var c = Fresh("PolyC");
        var read = Fresh("getx");
        var write = Fresh("bumpx");
        var ps = Fresh("ps");
        var pm = Fresh("pm");
        var p = Fresh("p");
        var k = Fresh("k");
        var v = Fresh("v");
        int n = _r.Range(1, 9);
        string A() => $"{a}(x: {_r.Range(-5, 20)}, y: \"{_r.Pick(StrKeys)}\", w: {_r.Pick(["0.5", "-1.5", "2.0"])})";
        string B() => _r.Percent(50) ? $"{b}(w: {_r.Pick(["1.5", "-0.0", "3.25"])}, x: {_r.Range(-5, 20)})" : $"{b}(x: {_r.Range(-5, 20)}, w: 0.25)";
        string C() => $"{c}(y: \"{_r.Pick(StrKeys)}\", x: {_r.Range(-5, 20)})";
        var items = new List<string> { A(), B() };
        for (int i = _r.Range(1, 3); i > 0; i--) items.Add(_r.Pick<Func<string>>([A, B, C])());
        _r.Shuffle(items);
        var entries = items.Take(3).Select((item, i) => $"{StrKeys[i]}: {item}");
        return TemplateText.Parse($$"""
            struct {{a}}(x: i64, y: str, w: f64);
            struct {{b}}(w: f64, x: i64);
            struct {{c}}(y: str, x: i64);
            impl {{a}}
                fn get(self) => self.x * 2
            end
            impl {{b}}
                fn get(self) => self.x + {{_r.Range(1, 100)}}
            end
            impl {{c}}
                fn get(self) => self.y.len() + self.x
            end
            fn {{read}}(p) => p.x
            fn {{write}}(p, d)
                p.x = p.x + d
                p.get()
            end
            let {{ps}} = [{{string.Join(", ", items)}}]
            for {{p}} in {{ps}} do println({{read}}({{p}}), {{p}}.get(), {{write}}({{p}}, {{n}})) end
            let {{pm}} = { {{string.Join(", ", entries)}} }
            for ({{k}}, {{v}}) in {{pm}} do println({{k}}, {{read}}({{v}}), {{v}}.get()) end
            println({{ps}}.map({{p}} => {{p}}.x))
            """);
    }

    /// <summary>One function applies one operator to pairs of several kinds (int, float, str, containers),
    /// carried in an array of tuples and in a map.</summary>
    private List<Stmt> MixedOperandKinds()
    {
        Feature(Features.MixedOperandKinds);
        Feature(Features.PolymorphicSites);
        var fn = Fresh("mixed");
        var x = Fresh("x");
        var y = Fresh("y");
        var m = Fresh("mk");
        string op = _r.Pick(["+", "-", "*", "<", "<=", ">", "==", "!="]);
        string[] numbers = ["3", "-2", "0", "2.5", "-0.0", "7.0", "128", "0.1"];
        var pairs = new List<string>();
        for (int i = _r.Range(4, 7); i > 0; i--)
        {
            pairs.Add(op switch
            {
                "+" when _r.Percent(30) => $"(\"{_r.Pick(StrKeys)}\", \"{_r.Pick(StrKeys)}\")",
                "<" or "<=" or ">" when _r.Percent(30) => $"(\"{_r.Pick(StrKeys)}\", \"{_r.Pick(StrKeys)}\")",
                "==" or "!=" when _r.Percent(40) => $"({_r.Pick(["1", "1.0", "\"1\"", "[1]", "(1,)", "true"])}, {_r.Pick(["1", "1.0", "\"1\"", "[1]", "(1,)", "true"])})",
                _ => $"({_r.Pick(numbers)}, {_r.Pick(numbers)})",
            });
        }
        var values = numbers.OrderBy(_ => _r.Below(1000)).Take(3).Select((num, i) => $"{StrKeys[i]}: {num}");
        string other = op is "+" or "-" or "*" or "<" or "<=" or ">" ? "1" : "\"1\"";
        return TemplateText.Parse($$"""
            fn {{fn}}(a, b) => a {{op}} b
            for ({{x}}, {{y}}) in [{{string.Join(", ", pairs)}}] do println({{fn}}({{x}}, {{y}})) end
            let {{m}} = { {{string.Join(", ", values)}} }
            for ({{x}}, {{y}}) in {{m}} do println({{x}}, {{fn}}({{y}}, {{other}})) end
            """);
    }

    private static readonly string[] BuiltinMapMethods = ["len", "keys", "values", "get", "push", "contains_key", "remove", "is_empty"];

    /// <summary>Map keys named like builtin methods: <c>m.len()</c> is still the builtin, <c>m.len</c> and
    /// <c>m["len"]</c> read the key, and a function stored under a key that names no method is called.</summary>
    private List<Stmt> MethodNameKeys()
    {
        Feature(Features.MethodNameKeys);
        Feature(Features.Maps);
        var m = Fresh("mk");
        var f = Fresh("mf");
        var keys = BuiltinMapMethods.OrderBy(_ => _r.Below(1000)).Take(_r.Range(2, 4)).ToList();
        var entries = keys.Select(key => $"{key}: {_r.Range(0, 50)}");
        var first = keys[0];
        int result = _r.Range(1, 99);
        return TemplateText.Parse($$"""
            let {{m}} = { {{string.Join(", ", entries)}} }
            println({{m}}.len(), {{m}}["{{first}}"], {{m}}.{{first}}, {{m}}.keys(), {{m}}.get("{{first}}", -1), {{m}}.contains_key("{{keys[^1]}}"))
            {{m}}["{{first}}"] = {{m}}.{{first}} + 1
            println({{m}}.{{first}}, {{m}}.values(), {{m}}.is_empty())
            let {{f}} = {run: () => {{result}}, len: () => -1, twice: n => n * 2}
            println({{f}}.run(), {{f}}.len(), {{f}}.twice({{f}}.run()))
            """);
    }
}

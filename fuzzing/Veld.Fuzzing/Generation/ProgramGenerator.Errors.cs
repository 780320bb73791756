using Veld.Language.Syntax;
using static Veld.Fuzzing.Generation.SyntaxFactory;

namespace Veld.Fuzzing.Generation;

// Deliberate runtime errors: caught ones inside try bodies, and now and then an uncaught one that ends
// the program. Every tier must report the same kind, message and line.
public sealed partial class ProgramGenerator
{
    private static readonly string[] CatchableKinds =
        ["DivisionByZero", "Index", "Overflow", "Key", "Field", "Match", "Value", "Type", "Arity", "Assert", "Thrown"];

    /// <summary>An error-raising statement for a try body.</summary>
    private Stmt CaughtErrorStatement()
    {
        var kind = _r.Pick(CatchableKinds);
        Feature(kind == "Thrown" ? Features.Throw : Features.CaughtRuntimeError);
        return ErrorStatement(kind);
    }

    /// <summary>The uncaught error that ends a program, directly or inside a function it calls.</summary>
    private Stmt PlantError()
    {
        var kind = _r.Percent(8) ? "StackOverflow" : _r.Pick(CatchableKinds);
        _plantedError = kind;
        Feature(Features.DeliberateError);
        Feature(Features.ErrorPrefix + kind);
        var error = ErrorStatement(kind);
        if (_r.Percent(70)) return error;
        // Raised one call down, so the reported line is inside the function.
        var name = Fresh("fail_");
        return Stmt(Do(Block([FnDecl(Function(name, [], Block([error, Stmt(Int(0))]))), Stmt(Call("println", Call(name)))])));
    }

    private Stmt ErrorStatement(string kind)
    {
        Expr Show(Expr e) => Call("println", e);
        var ints = VarsOf(VType.Int).ToList();
        Expr AnInt() => ints.Count > 0 && _r.Percent(60) ? NameOf(_r.Pick(ints)) : Int(_r.Range(1, 50));
        return kind switch
        {
            "DivisionByZero" => Stmt(_r.Below(4) switch
            {
                0 => Show(Bin(BinaryOp.Div, AnInt(), Int(0))),
                1 => Show(Bin(BinaryOp.Mod, AnInt(), Bin(BinaryOp.Sub, Int(3), Int(3)))),
                2 => Show(Bin(BinaryOp.Div, Float(1.5), Float(0.0))),
                _ => Show(LetIn(Bind("zero"), Int(0), Bin(BinaryOp.Add, Int(1), Bin(BinaryOp.Div, AnInt(), Name("zero"))))),
            }),
            "Index" => Stmt(AnyVarOf<ArrayType>() is { } xs && _r.Percent(60)
                ? Show(Index(NameOf(xs), _r.Percent(50) ? Method(NameOf(xs), "len") : Int(-1)))
                : _r.Below(3) switch
                {
                    0 => Show(Index(Array([Int(1), Int(2), Int(3)]), Int(_r.Range(3, 9)))),
                    1 => Show(Index(Str("héllo"), Int(5))),
                    _ => Show(Method(Array([]), _r.Pick(["pop", "first", "last"]))),
                }),
            "Overflow" => Stmt(_r.Below(5) switch
            {
                0 => Show(LetIn(Bind("big"), Int(long.MaxValue), Bin(BinaryOp.Add, Name("big"), Int(1)))),
                1 => Show(Bin(BinaryOp.Pow, Int(2), Int(64))),
                2 => Show(LetIn(Bind("small"), Bin(BinaryOp.Sub, Neg(Int(long.MaxValue)), Int(1)), Bin(BinaryOp.Div, Name("small"), Neg(Int(1))))),
                3 => Show(Cast(Float(1e300), "int")),
                _ => Show(LetIn(Bind("big"), Int(long.MaxValue / 2 + 7), Bin(BinaryOp.Mul, Name("big"), Int(3)))),
            }),
            "Key" => Stmt(AnyVarOf<MapType>() is { } m && _r.Percent(60)
                ? Show(((MapType)m.Type).IntKeys ? Index(NameOf(m), Int(99)) : _r.Percent(50) ? Member(NameOf(m), "missing") : Index(NameOf(m), Str("nope")))
                : Show(Index(Map([(Str("a"), Int(1))]), Str("b")))),
            "Field" => Stmt(_scope.Visible().FirstOrDefault(v => v.Type is StructType) is { } p && _r.Percent(60)
                ? Show(_r.Percent(50) ? Member(NameOf(p), "no_such_field") : Method(NameOf(p), "no_such_method"))
                : Show(Method(Int(_r.Range(1, 9)), "frobnicate"))),
            // A match with no arms matches nothing (issue 14: the register VM compiled it to nothing).
            "Match" => Stmt(Show(Match(AnInt() is IntLiteral ? Int(42) : Bin(BinaryOp.Add, Bin(BinaryOp.Mul, AnInt(), Int(0)), Int(42)), _r.Percent(20) ? new List<MatchArm>() : [
                Arm(LitPattern(0L), Str("zero")),
                Arm(LitPattern(1L), Str("one")),
            ]))),
            "Value" => Stmt(_r.Below(4) switch
            {
                0 => Show(Method(Str("12x"), "to_int")),
                1 => Show(Bin(BinaryOp.Shl, Int(1), Int(64))),
                2 => Show(Cast(Str("abc"), "int")),
                _ => Show(Method(Str("1.5.5"), "to_float")),
            }),
            "Type" => Stmt(_r.Below(6) switch
            {
                0 => Show(Bin(BinaryOp.Add, Int(1), Str("a"))),
                1 => Show(Bin(BinaryOp.Lt, Str("a"), Int(1))),
                2 => Show(Not(Int(5))),
                3 => Show(Method(Array([Int(1), Str("a")]), "sort")),
                4 => If(Int(1), Block(Show(Str("unreachable")))),
                _ => Show(And(Bool(true), Int(1))),
            }),
            "Arity" => Stmt(Show(_r.Percent(50)
                ? Call(Lambda(["a"], Name("a")), Int(1), Int(2))
                : Call(Lambda(["a", "b"], Bin(BinaryOp.Add, Name("a"), Name("b"))), Int(1)))),
            "Assert" => Stmt(_r.Percent(50)
                ? Assert(Bin(BinaryOp.Gt, Int(1), Int(2)))
                : Assert(Bin(BinaryOp.Lt, Method(Str("abc"), "len"), Int(0)), Format(Text("length was "), Hole(Method(Str("abc"), "len"))))),
            "Thrown" => Stmt(Throw(_r.Below(4) switch
            {
                0 => Str("boom"),
                1 => Tuple([Int(1), Str("two")]),
                2 => Int(_r.Range(0, 99)),
                // A value whose parts are shared: display, equality and catch must not unfold it.
                3 when _r.Percent(30) => LetIn(Bind("part"), Array([Int(_r.Range(0, 9))]), Tuple([Name("part"), Name("part")])),
                _ => _structs.Count > 0 ? StructLiteral(_r.Pick(_structs), 1) : Array([Str("x")]),
            })),
            "StackOverflow" => Stmt(Do(Block([
                Let("down", Lambda(["n"], _r.Below(4) switch
                {
                    // Recursion inside a catch handler, and through a builtin's callback (issue 14: minutes to
                    // unwind, and a process abort at a raised depth limit).
                    0 => Try(Block(Throw(Name("n"))), "e", Block(Bin(BinaryOp.Add, Int(1), Call("down", Bin(BinaryOp.Add, Name("e"), Int(1)))))),
                    1 => Index(Method(Array([Name("n")]), "map", Lambda(["x"], Bin(BinaryOp.Add, Int(1), Call("down", Bin(BinaryOp.Add, Name("x"), Int(1)))))), Int(0)),
                    _ => Bin(BinaryOp.Add, Int(1), Call("down", Bin(BinaryOp.Add, Name("n"), Int(1)))),
                })),
                Stmt(Show(Call("down", Int(0)))),
            ]))),
            _ => throw new ArgumentException($"unknown error kind {kind}", nameof(kind)),
        };
    }
}

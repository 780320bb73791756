using System.Runtime.CompilerServices;
using Veld.Language.Syntax;

namespace Veld.Runtime;

/// <summary>
/// Every operator's semantics (docs/SPEC.md section 4), in one place. The compiled tiers' inline int/float fast paths are the
/// runtime's too (<see cref="FastArithmetic"/>, <see cref="FastComparison"/>, <see cref="FastIndexing"/>),
/// and a property test checks that each agrees with these methods.
/// Errors are thrown as <see cref="VeldRuntimeException"/> with line 0; the calling tier stamps the line.
/// The class is split by concept: Operators.Arithmetic, .Bitwise, .Comparison, .Equality, .Indexing, .Casts.
/// </summary>
public static partial class Operators
{
    /// <summary><c>!a</c>: a must be a bool.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Value Not(Value a)
    {
        if (a.IsBool) return Value.FromBool(!a.AsBool);
        throw Fail.Unary("!", a);
    }

    /// <summary>Any binary operator by its syntax enum (comparisons give bool values).</summary>
    public static Value Binary(BinaryOp op, Value a, Value b) => op switch
    {
        BinaryOp.Add => Add(a, b),
        BinaryOp.Sub => Sub(a, b),
        BinaryOp.Mul => Mul(a, b),
        BinaryOp.Div => Div(a, b),
        BinaryOp.Mod => Mod(a, b),
        BinaryOp.Pow => Pow(a, b),
        BinaryOp.BitAnd => BitAnd(a, b),
        BinaryOp.BitOr => BitOr(a, b),
        BinaryOp.BitXor => BitXor(a, b),
        BinaryOp.Shl => Shl(a, b),
        BinaryOp.Shr => Shr(a, b),
        BinaryOp.Eq => Value.FromBool(Equal(a, b)),
        BinaryOp.Ne => Value.FromBool(!Equal(a, b)),
        BinaryOp.Lt => Value.FromBool(Less(a, b)),
        BinaryOp.Le => Value.FromBool(LessEqual(a, b)),
        BinaryOp.Gt => Value.FromBool(Greater(a, b)),
        BinaryOp.Ge => Value.FromBool(GreaterEqual(a, b)),
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "not a binary operator"),
    };

    /// <summary>The source spelling of a binary operator, as error messages quote it.</summary>
    public static string Symbol(BinaryOp op) => op switch
    {
        BinaryOp.Add => "+", BinaryOp.Sub => "-", BinaryOp.Mul => "*", BinaryOp.Div => "/",
        BinaryOp.Mod => "%", BinaryOp.Pow => "*^", BinaryOp.BitAnd => "&", BinaryOp.BitOr => "|",
        BinaryOp.BitXor => "^", BinaryOp.Shl => "<<", BinaryOp.Shr => ">>", BinaryOp.Eq => "==",
        BinaryOp.Ne => "!=", BinaryOp.Lt => "<", BinaryOp.Le => "<=", BinaryOp.Gt => ">", BinaryOp.Ge => ">=",
        _ => op.ToString(),
    };

    /// <summary>The value of a condition (<c>if</c>, <c>while</c>, guards, <c>and</c>/<c>or</c> operands):
    /// a bool, else runtime error Type naming <paramref name="what"/> ("condition", "operand of 'and'" ...).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Truth(Value v, string what)
    {
        if (v.IsBool) return v.AsBool;
        throw NotABool(v, what);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static VeldRuntimeException NotABool(Value v, string what) =>
        Fail.Type($"{what} must be a bool, got {Display.TypeName(v)}");

    /// <summary><c>a..b</c> / <c>a..=b</c>: both ints, else Type.</summary>
    public static Value MakeRange(Value start, Value end, bool inclusive)
    {
        if (start.IsInt && end.IsInt) return Value.FromObject(new VeldRange(start.AsInt, end.AsInt, inclusive));
        throw Fail.Binary(inclusive ? "..=" : "..", start, end);
    }

    /// <summary>A new struct instance (fields in declaration order).</summary>
    public static Value NewStruct(StructType type, Value[] fields) => Value.FromObject(new StructInstance(type, fields));

    /// <summary>A new enum value; checks the payload count (Arity error).</summary>
    public static Value NewEnum(EnumType type, int variant, Value[] payload)
    {
        int expected = type.PayloadArity[variant];
        if (payload.Length != expected)
            throw Fail.Arity($"{type.Name}.{type.VariantNames[variant]}", expected, payload.Length);
        return Value.FromObject(new EnumInstance(type, variant, payload));
    }
}

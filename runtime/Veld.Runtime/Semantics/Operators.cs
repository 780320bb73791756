using Veld.Language.Syntax;

namespace Veld.Runtime;

/// <summary>
/// Every operator's semantics (VELD_CORE.md section 4), in one place. Tiers may add fast paths for
/// int/float operands, but those must agree with these methods; the differential harness checks it.
/// Errors are thrown as <see cref="VeldRuntimeException"/> with line 0; the calling tier stamps the line.
/// </summary>
public static partial class Operators
{
    public static Value Add(Value a, Value b) => throw Pending();
    public static Value Sub(Value a, Value b) => throw Pending();
    public static Value Mul(Value a, Value b) => throw Pending();
    public static Value Div(Value a, Value b) => throw Pending();
    public static Value Mod(Value a, Value b) => throw Pending();
    public static Value Pow(Value a, Value b) => throw Pending();
    public static Value BitAnd(Value a, Value b) => throw Pending();
    public static Value BitOr(Value a, Value b) => throw Pending();
    public static Value BitXor(Value a, Value b) => throw Pending();
    public static Value Shl(Value a, Value b) => throw Pending();
    public static Value Shr(Value a, Value b) => throw Pending();
    public static Value Negate(Value a) => throw Pending();
    /// <summary><c>!a</c>: a must be a bool.</summary>
    public static Value Not(Value a) => throw Pending();

    /// <summary><c>==</c>: never fails, except runtime error Value past 1000 levels of nesting (a cycle).</summary>
    public static bool Equal(Value a, Value b) => throw Pending();
    /// <summary><c>&lt;</c> on two numbers or two strings; else runtime error Type.</summary>
    public static bool Less(Value a, Value b) => throw Pending();
    public static bool LessEqual(Value a, Value b) => throw Pending();
    public static bool Greater(Value a, Value b) => throw Pending();
    public static bool GreaterEqual(Value a, Value b) => throw Pending();

    /// <summary>Any binary operator by its syntax enum (comparisons give bool values).</summary>
    public static Value Binary(BinaryOp op, Value a, Value b) => throw Pending();

    /// <summary>The value of a condition (<c>if</c>, <c>while</c>, guards, <c>and</c>/<c>or</c> operands):
    /// a bool, else runtime error Type naming <paramref name="what"/> ("condition", "operand of 'and'" ...).</summary>
    public static bool Truth(Value v, string what) => throw Pending();

    /// <summary><c>a..b</c> / <c>a..=b</c>: both ints, else Type.</summary>
    public static Value MakeRange(Value start, Value end, bool inclusive) => throw Pending();

    /// <summary><c>target[index]</c>: array/str/tuple by int (Index error out of range), map by key (Key error).</summary>
    public static Value GetIndex(Value target, Value index) => throw Pending();
    /// <summary><c>target[index] = value</c>: arrays (existing index) and maps (insert or replace).</summary>
    public static void SetIndex(Value target, Value index, Value value) => throw Pending();
    /// <summary><c>target.name</c>: struct field, Error field, or map key "name"; else Field (Key for a missing map key).</summary>
    public static Value GetField(Value target, string name) => throw Pending();
    /// <summary><c>target.name = value</c>: struct field or map key.</summary>
    public static void SetField(Value target, string name, Value value) => throw Pending();
    /// <summary><c>target.0</c>: tuples only; Index error out of range, Type error for a non-tuple.</summary>
    public static Value TupleIndex(Value target, int index) => throw Pending();

    /// <summary><c>v as T</c> (section 9).</summary>
    public static Value Cast(Value v, CastTarget target, string typeText) => throw Pending();

    /// <summary>A new struct instance (fields in declaration order).</summary>
    public static Value NewStruct(StructType type, Value[] fields) => Value.FromObject(new StructInstance(type, fields));
    /// <summary>A new enum value; checks the payload count (Arity error).</summary>
    public static Value NewEnum(EnumType type, int variant, Value[] payload) => throw Pending();

    internal static Exception Pending() => new InvalidOperationException("runtime operation not built yet");
}

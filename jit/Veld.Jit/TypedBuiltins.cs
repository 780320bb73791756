using Veld.RegisterVm;
using Veld.Runtime;
using static Veld.RegisterVm.Instruction;
using VmOp = Veld.RegisterVm.OpCode;

namespace Veld.Jit;

/// <summary>
/// Builtin calls whose result kind follows from their argument's: <c>abs</c> of an int is an int (or the Overflow
/// error at the int minimum), of a float a float; <c>sqrt</c> of either is a float (never an error). A CALLK of such a
/// builtin on a typed argument is emitted inline (<see cref="FunctionEmitter"/>), so the plan may type its result like
/// arithmetic's.
/// </summary>
internal static class TypedBuiltins
{
    /// <summary>Whether the CALLK <paramref name="i"/> calls the builtin <c>abs</c> with one argument and keeps the result.</summary>
    public static bool IsAbs(FunctionProto proto, uint i) => Calls(proto, i, "abs");

    /// <summary>Whether the CALLK <paramref name="i"/> calls the builtin <c>sqrt</c> with one argument and keeps the result.</summary>
    public static bool IsSqrt(FunctionProto proto, uint i) => Calls(proto, i, "sqrt");

    private static bool Calls(FunctionProto proto, uint i, string name) =>
        Op(i) == VmOp.CallK && K(i) && B(i) == 1 && (uint)C(i) < (uint)proto.Constants.Length
        && proto.Constants[C(i)].AsObject is BuiltinFunction builtin && builtin.Name == name;

    /// <summary>The kind the instruction at <paramref name="pc"/> yields when it is such a call on an int or float argument.</summary>
    public static RegisterKind? ResultOf(FunctionProto proto, RegisterWebs webs, int pc, RegisterKind[] kinds)
    {
        uint i = proto.Code[pc];
        bool abs = IsAbs(proto, i);
        if (!(abs || IsSqrt(proto, i)) || webs.In(pc, A(i)) is not (>= 0 and var w)) return null;
        if (kinds[w] is not (RegisterKind.Int or RegisterKind.Float)) return null;
        return abs ? kinds[w] : RegisterKind.Float;
    }

    /// <summary>Whether the instruction is a call this class types (whatever its argument's kind).</summary>
    public static bool IsTyped(FunctionProto proto, uint i) => IsAbs(proto, i) || IsSqrt(proto, i);
}

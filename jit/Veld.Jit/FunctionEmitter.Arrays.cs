using System.Reflection.Emit;
using Veld.Runtime;

namespace Veld.Jit;

/// <summary>
/// Array elements read and written inline. A GETINDEX or SETINDEX whose index is an int register tests the receiver's
/// class (an array) and the index against the length, then reads or writes the element's <c>Value</c> in the list's
/// backing store. Any other receiver and any index out of range take the general helper, which does what the
/// interpreter does: a map's lookup, a str's character, or the error with the interpreter's message, stamped with
/// this instruction's line like any error of compiled code.
/// </summary>
internal sealed partial class FunctionEmitter
{
    /// <summary>The receiver as an array, and its elements: scratch locals shared by every access (made on first use).</summary>
    private LocalBuilder? _array, _elements;

    /// <summary>GETINDEX R[a] := R[b][R[c]], R[c] an int register and R[b] boxed.</summary>
    private void EmitElementRead(int a, int b, int c) => InlineRead(a, "element",
        general =>
        {
            ElementAddress(b, c, general);
            _il.Emit(OpCodes.Ldobj, typeof(Value));
        },
        () =>
        {
            Register(b);
            _il.Emit(OpCodes.Ldloc, In(c));
            _il.Emit(OpCodes.Call, AccessOp(nameof(Access.GetIndexAt)));
        });

    /// <summary>SETINDEX R[a][R[b]] := the value <paramref name="value"/> pushes, R[b] an int register and R[a] boxed.</summary>
    private void EmitElementWrite(int a, int b, Action value) => InlineWrite("element",
        general =>
        {
            ElementAddress(a, b, general);
            value();
            _il.Emit(OpCodes.Stobj, typeof(Value));
        },
        () =>
        {
            Register(a);
            _il.Emit(OpCodes.Ldloc, In(b));
            value();
            _il.Emit(OpCodes.Call, AccessOp(nameof(Access.SetIndexAt)));
        });

    /// <summary>R[a] := what <paramref name="fast"/> pushes, or, when it branches to the label it is given (with nothing
    /// pushed), what <paramref name="general"/> pushes. A typed result is guarded: a value of another kind hands over
    /// to the interpreter after this instruction.</summary>
    private void InlineRead(int a, string what, Action<Label> fast, Action general)
    {
        var slow = _il.NewLabel($"{what}_general");
        var read = _il.NewLabel($"{what}_read");
        fast(slow);
        _il.Emit(OpCodes.Stloc, _value);
        _il.Emit(OpCodes.Br, read);
        _il.Mark(slow);
        general();
        _il.Emit(OpCodes.Stloc, _value);
        _il.Mark(read);
        if (ResultKind(a) != RegisterKind.Boxed) GuardedStore(a);
        else Store(a, () => _il.Emit(OpCodes.Ldloc, _value));
    }

    /// <summary>A write by <paramref name="fast"/>, or, when it branches to the label it is given, by <paramref name="general"/>.</summary>
    private void InlineWrite(string what, Action<Label> fast, Action general)
    {
        var slow = _il.NewLabel($"{what}_general");
        var written = _il.NewLabel($"{what}_written");
        fast(slow);
        _il.Emit(OpCodes.Br, written);
        _il.Mark(slow);
        general();
        _il.Mark(written);
    }

    /// <summary>Push the address of element R[<paramref name="index"/>] of the array in R[<paramref name="receiver"/>],
    /// or branch to <paramref name="general"/> with nothing pushed when the receiver is no array or the index is out of range.</summary>
    private void ElementAddress(int receiver, int index, Label general)
    {
        _array ??= _il.Local(typeof(VeldArray));
        _elements ??= _il.Local(typeof(Span<Value>));
        RegisterAddress(receiver);
        _il.Emit(OpCodes.Call, VmMembers.AsArray);
        _il.Emit(OpCodes.Stloc, _array);
        _il.Emit(OpCodes.Ldloc, _array);
        _il.Emit(OpCodes.Brfalse, general);
        _il.Emit(OpCodes.Ldloc, _array);
        _il.Emit(OpCodes.Call, VmMembers.ArrayItems);
        _il.Emit(OpCodes.Call, VmMembers.ListAsSpan);
        _il.Emit(OpCodes.Stloc, _elements);
        // One unsigned test: a negative index is a large unsigned one.
        _il.Emit(OpCodes.Ldloc, In(index));
        _il.Emit(OpCodes.Ldloca, _elements);
        _il.Emit(OpCodes.Call, VmMembers.SpanLength);
        _il.Emit(OpCodes.Conv_I8);
        _il.Emit(OpCodes.Bge_Un, general);
        _il.Emit(OpCodes.Ldloca, _elements);
        _il.Emit(OpCodes.Ldloc, In(index));
        _il.Emit(OpCodes.Conv_I4);
        _il.Emit(OpCodes.Call, VmMembers.SpanItem);
    }

    /// <summary>A SETINDEX's constant value: a bool or an int as the JIT's own constant (an int's Value holds no
    /// reference, so storing it needs no GC write barrier), anything else from the constant table.</summary>
    private void StoredConstant(int index)
    {
        var constant = _proto.Constants[index];
        if (constant.IsBool) _il.Emit(OpCodes.Ldsfld, constant.AsBool ? VmMembers.True : VmMembers.False);
        else if (constant.IsInt)
        {
            _il.Emit(OpCodes.Ldc_I8, constant.AsInt);
            _il.Emit(OpCodes.Call, VmMembers.FromInt);
        }
        else Constant(index);
    }
}

using System.Reflection;
using System.Reflection.Emit;
using Veld.Runtime;
using static Veld.RegisterVm.Instruction;

namespace Veld.Jit;

/// <summary>
/// Array elements read and written inline. A GETINDEX or SETINDEX whose index is an int register tests the receiver's
/// class (an array) and the index against the length. An array of one primitive kind keeps 8-byte payloads
/// (<see cref="ArrayStorage"/>): a typed result is loaded straight from them and a typed value stored straight into
/// them, after one test of the array's storage (no <c>Value</c>, no GC write barrier); an array of another storage
/// reads or writes a <c>Value</c> through the array's own accessors. Any other receiver and any index out of range
/// take the general helper, which does what the interpreter does: a map's lookup, a str's character, or the error with
/// the interpreter's message, stamped with this instruction's line like any error of compiled code.
/// </summary>
internal sealed partial class FunctionEmitter
{
    private static readonly MethodInfo ArrayCount = VmMembers.Getter(typeof(VeldArray), nameof(VeldArray.Count));
    private static readonly MethodInfo ArrayStorageOf = VmMembers.Getter(typeof(VeldArray), nameof(VeldArray.Storage));
    private static readonly MethodInfo ArrayPayloads = VmMembers.Getter(typeof(VeldArray), nameof(VeldArray.Payloads));
    private static readonly MethodInfo ArrayGet = VmMembers.Method(typeof(VeldArray), nameof(VeldArray.Get));
    private static readonly MethodInfo ArraySet = VmMembers.Method(typeof(VeldArray), nameof(VeldArray.Set));
    private static readonly MethodInfo ArrayAdd = VmMembers.Method(typeof(VeldArray), nameof(VeldArray.Add));
    private static readonly MethodInfo ArrayTryAppendPayload = VmMembers.Method(typeof(VeldArray), nameof(VeldArray.TryAppendPayload));
    private static readonly MethodInfo BitsToDouble = VmMembers.Method(typeof(BitConverter), nameof(BitConverter.Int64BitsToDouble));
    private static readonly MethodInfo DoubleToBits = VmMembers.Method(typeof(BitConverter), nameof(BitConverter.DoubleToInt64Bits));

    /// <summary>The receiver as an array: a scratch local shared by every access (made on first use).</summary>
    private LocalBuilder? _array;

    /// <summary>GETINDEX R[a] := R[b][R[c]], R[c] an int register and R[b] boxed.</summary>
    private void EmitElementRead(int a, int b, int c)
    {
        var kind = ResultKind(a);
        if (kind == RegisterKind.Boxed)
        {
            InlineRead(a, "element", general =>
            {
                CheckedArray(b, c, general);
                ElementValue(c);
            }, () => GeneralRead(b, c));
            return;
        }
        // A typed result: the payload itself from an array of its kind, else a Value that is guarded like any.
        var boxed = _il.NewLabel("element_boxed");
        var general = _il.NewLabel("element_general");
        var guard = _il.NewLabel("element_guard");
        var done = _il.NewLabel("element_read");
        CheckedArray(b, c, general);
        TestStorage(kind, boxed);
        Payload(c);
        if (kind == RegisterKind.Float) _il.Emit(OpCodes.Call, BitsToDouble);
        else if (kind == RegisterKind.Bool)
        {
            _il.Emit(OpCodes.Ldc_I4_0);
            _il.Emit(OpCodes.Conv_I8);
            _il.Emit(OpCodes.Cgt_Un);
        }
        _il.Emit(OpCodes.Stloc, Out(a));
        _il.Emit(OpCodes.Br, done);
        _il.Mark(boxed);
        ElementValue(c);
        _il.Emit(OpCodes.Stloc, _value);
        _il.Emit(OpCodes.Br, guard);
        _il.Mark(general);
        GeneralRead(b, c);
        _il.Emit(OpCodes.Stloc, _value);
        _il.Mark(guard);
        GuardedStore(a);
        _il.Mark(done);
    }

    /// <summary>SETINDEX R[a][R[b]] := the value <paramref name="value"/> pushes, R[b] an int register and R[a] boxed.
    /// The stored operand (a typed register or an int, float or bool constant) is read from the instruction itself.</summary>
    private void EmitElementWrite(int a, int b, Action value)
    {
        uint i = _code[_pc];
        var kind = StoredKind(C(i), K(i));
        var general = _il.NewLabel("element_general");
        var written = _il.NewLabel("element_written");
        CheckedArray(a, b, general);
        if (kind != RegisterKind.Boxed)
        {
            var boxed = _il.NewLabel("element_boxed");
            TestStorage(kind, boxed);
            _il.Emit(OpCodes.Ldloc, _array!);
            _il.Emit(OpCodes.Call, ArrayPayloads);
            _il.Emit(OpCodes.Ldloc, In(b));
            _il.Emit(OpCodes.Conv_I4);
            StoredPayload(C(i), K(i), kind);
            _il.Emit(OpCodes.Stelem_I8);
            _il.Emit(OpCodes.Br, written);
            _il.Mark(boxed);
        }
        _il.Emit(OpCodes.Ldloc, _array!);
        _il.Emit(OpCodes.Ldloc, In(b));
        _il.Emit(OpCodes.Conv_I4);
        value();
        _il.Emit(OpCodes.Call, ArraySet);
        _il.Emit(OpCodes.Br, written);
        _il.Mark(general);
        Register(a);
        _il.Emit(OpCodes.Ldloc, In(b));
        value();
        _il.Emit(OpCodes.Call, AccessOp(nameof(Access.SetIndexAt)));
        _il.Mark(written);
    }

    /// <summary>Whether a method call site is <c>x.push(item)</c>, the one builtin method hot loops call (building an array).</summary>
    private bool IsArrayPush(int site) =>
        _proto.Constants[site].AsObject is VeldTuple { Items: [var name, var count] }
        && name.AsObject is VeldString { Text: "push" } && count.IsInt && count.AsInt == 1;

    /// <summary>
    /// METHODCALL R[a] := R[b].push(R[a+1]) inline when R[b] is an array: an array has no impl methods, so its
    /// <c>push</c> is always the builtin, which ticks, appends and returns unit. A typed item goes in as its payload
    /// when the array keeps that kind and has room (no <c>Value</c>, no call); else <c>Add</c> grows or generalizes.
    /// Nothing here runs Veld code or moves the register stack, so neither the frame's pc nor the registers' address
    /// need saving or reloading; an error (fuel, memory) is stamped with this instruction's position like any.
    /// Returns the label the caller marks after the general method call, which any other receiver takes.
    /// </summary>
    private Label EmitArrayPush(int a, int b, int next)
    {
        var general = _il.NewLabel("push_general");
        var appended = _il.NewLabel("pushed_payload");
        var pushed = _il.NewLabel("pushed");
        ReceiverArray(b, general);
        Tick();
        var kind = KindOf(a + 1);
        if (kind != RegisterKind.Boxed)
        {
            _il.Emit(OpCodes.Ldloc, _array!);
            _il.Int((int)StorageOf(kind));
            StoredPayload(a + 1, constant: false, kind);
            _il.Emit(OpCodes.Call, ArrayTryAppendPayload);
            _il.Emit(OpCodes.Brtrue, appended);
        }
        _il.Emit(OpCodes.Ldloc, _array!);
        Register(a + 1);
        _il.Emit(OpCodes.Call, ArrayAdd);
        _il.Mark(appended);
        // The result (unit) only where something reads it: a push's result register is mostly a dead temporary.
        if (_plan.LiveIn[next] is not { } live || live[a]) Store(a, () => _il.Emit(OpCodes.Ldsfld, VmMembers.Unit));
        _il.Emit(OpCodes.Br, pushed);
        _il.Mark(general);
        return pushed;
    }

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

    /// <summary>The array in R[<paramref name="receiver"/>] into <see cref="_array"/>, or a branch to
    /// <paramref name="general"/> when the receiver is no array.</summary>
    private void ReceiverArray(int receiver, Label general)
    {
        _array ??= _il.Local(typeof(VeldArray));
        RegisterAddress(receiver);
        _il.Emit(OpCodes.Call, VmMembers.AsArray);
        _il.Emit(OpCodes.Stloc, _array);
        _il.Emit(OpCodes.Ldloc, _array);
        _il.Emit(OpCodes.Brfalse, general);
    }

    /// <summary>The array in R[<paramref name="receiver"/>] into <see cref="_array"/>, or a branch to
    /// <paramref name="general"/> when the receiver is no array or R[<paramref name="index"/>] is out of its range.</summary>
    private void CheckedArray(int receiver, int index, Label general)
    {
        ReceiverArray(receiver, general);
        // One unsigned test: a negative index is a large unsigned one.
        _il.Emit(OpCodes.Ldloc, In(index));
        _il.Emit(OpCodes.Ldloc, _array!);
        _il.Emit(OpCodes.Call, ArrayCount);
        _il.Emit(OpCodes.Conv_I8);
        _il.Emit(OpCodes.Bge_Un, general);
    }

    /// <summary>A branch to <paramref name="other"/> unless <see cref="_array"/> keeps payloads of <paramref name="kind"/>.</summary>
    private void TestStorage(RegisterKind kind, Label other)
    {
        _il.Emit(OpCodes.Ldloc, _array!);
        _il.Emit(OpCodes.Call, ArrayStorageOf);
        _il.Int((int)StorageOf(kind));
        _il.Emit(OpCodes.Bne_Un, other);
    }

    /// <summary>Push the payload of element R[<paramref name="index"/>] of <see cref="_array"/> (checked).</summary>
    private void Payload(int index)
    {
        _il.Emit(OpCodes.Ldloc, _array!);
        _il.Emit(OpCodes.Call, ArrayPayloads);
        _il.Emit(OpCodes.Ldloc, In(index));
        _il.Emit(OpCodes.Conv_I4);
        _il.Emit(OpCodes.Ldelem_I8);
    }

    /// <summary>Push element R[<paramref name="index"/>] of <see cref="_array"/> (checked) as a <c>Value</c>.</summary>
    private void ElementValue(int index)
    {
        _il.Emit(OpCodes.Ldloc, _array!);
        _il.Emit(OpCodes.Ldloc, In(index));
        _il.Emit(OpCodes.Conv_I4);
        _il.Emit(OpCodes.Call, ArrayGet);
    }

    private void GeneralRead(int receiver, int index)
    {
        Register(receiver);
        _il.Emit(OpCodes.Ldloc, In(index));
        _il.Emit(OpCodes.Call, AccessOp(nameof(Access.GetIndexAt)));
    }

    /// <summary>The kind a SETINDEX's stored operand has as a payload: a typed register's, an int, float or bool
    /// constant's; Boxed for any other.</summary>
    private RegisterKind StoredKind(int c, bool constant)
    {
        if (!constant) return KindOf(c);
        var k = _proto.Constants[c];
        return k.IsInt ? RegisterKind.Int : k.IsFloat ? RegisterKind.Float : k.IsBool ? RegisterKind.Bool : RegisterKind.Boxed;
    }

    /// <summary>Push the payload of a SETINDEX's stored operand of <paramref name="kind"/> (a long).</summary>
    private void StoredPayload(int c, bool constant, RegisterKind kind)
    {
        if (constant)
        {
            var k = _proto.Constants[c];
            _il.Emit(OpCodes.Ldc_I8, kind switch
            {
                RegisterKind.Int => k.AsInt,
                RegisterKind.Float => BitConverter.DoubleToInt64Bits(k.AsFloat),
                _ => k.AsBool ? 1L : 0L,
            });
            return;
        }
        _il.Emit(OpCodes.Ldloc, In(c));
        if (kind == RegisterKind.Float) _il.Emit(OpCodes.Call, DoubleToBits);
        else if (kind == RegisterKind.Bool) _il.Emit(OpCodes.Conv_U8);
    }

    private static ArrayStorage StorageOf(RegisterKind kind) => kind switch
    {
        RegisterKind.Int => ArrayStorage.Ints,
        RegisterKind.Float => ArrayStorage.Floats,
        _ => ArrayStorage.Bools,
    };

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

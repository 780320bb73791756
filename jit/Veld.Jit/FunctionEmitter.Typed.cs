using System.Reflection.Emit;
using Veld.RegisterVm;
using static Veld.RegisterVm.Instruction;
using VmOp = Veld.RegisterVm.OpCode;

namespace Veld.Jit;

/// <summary>
/// Instructions over int registers (<see cref="TypePlan"/>) as plain <c>long</c> IL: no boxing, no tag tests.
/// Overflow is an explicit test; when it fails the interpreter redoes the instruction (and raises Overflow).
/// </summary>
internal sealed partial class FunctionEmitter
{
    private readonly LocalBuilder _x, _y, _r;
    /// <summary>The instruction being emitted.</summary>
    private int _pc;

    private bool IsInt(int r) => IntLocal(r) is not null;

    /// <summary>The local of an int register; null for any other (operands past the frame's registers included).</summary>
    private LocalBuilder? IntLocal(int r) => (uint)r < (uint)_int.Length ? _int[r] : null;

    /// <summary>The typed form of the instruction at <paramref name="pc"/>, when its operands allow one.</summary>
    private bool TryEmitTyped(int pc)
    {
        uint i = _code[pc];
        int a = A(i), b = B(i), c = C(i);
        int next = pc + Width(pc);
        switch (Op(i))
        {
            case VmOp.LoadI when IsInt(a):
                _il.Emit(OpCodes.Ldc_I8, (long)SBx(i));
                _il.Emit(OpCodes.Stloc, _int[a]!);
                return true;
            case VmOp.LoadK when IsInt(a) && _proto.Constants[Bx(i)].IsInt:
                _il.Emit(OpCodes.Ldc_I8, _proto.Constants[Bx(i)].AsInt);
                _il.Emit(OpCodes.Stloc, _int[a]!);
                return true;
            case VmOp.Move when IsInt(a) && IsInt(b):
                _il.Emit(OpCodes.Ldloc, _int[b]!);
                _il.Emit(OpCodes.Stloc, _int[a]!);
                return true;
            case VmOp.AddI or VmOp.SubI when IsInt(a) && IsInt(b):
                IntArithmetic(pc, Op(i) == VmOp.AddI ? VmOp.Add : VmOp.Sub, a, () => _il.Emit(OpCodes.Ldloc, _int[b]!), () => _il.Emit(OpCodes.Ldc_I8, (long)SC(i)));
                return true;
            case VmOp.Add or VmOp.Sub or VmOp.Mul when IsInt(a) && IsInt(b) && IsInt(c):
                IntArithmetic(pc, Op(i), a, () => _il.Emit(OpCodes.Ldloc, _int[b]!), () => _il.Emit(OpCodes.Ldloc, _int[c]!));
                return true;
            case VmOp.AddK or VmOp.SubK or VmOp.MulK when IsInt(a) && IsInt(b) && _proto.Constants[c].IsInt:
                IntArithmetic(pc, Op(i) - VmOp.AddK + VmOp.Add, a, () => _il.Emit(OpCodes.Ldloc, _int[b]!), () => _il.Emit(OpCodes.Ldc_I8, _proto.Constants[c].AsInt));
                return true;
            case VmOp.Eq or VmOp.Lt or VmOp.Le or VmOp.Gt or VmOp.Ge when IsInt(a) && IsInt(b):
                IntTest(pc, Op(i), K(i), () => _il.Emit(OpCodes.Ldloc, _int[b]!));
                return true;
            case VmOp.EqI or VmOp.LtI or VmOp.LeI or VmOp.GtI or VmOp.GeI when IsInt(a):
                IntTest(pc, Op(i) - VmOp.EqI + VmOp.Eq, K(i), () => _il.Emit(OpCodes.Ldc_I8, (long)SB(i)));
                return true;
            case VmOp.EqK when IsInt(a) && _proto.Constants[b].IsInt:
                IntTest(pc, VmOp.Eq, K(i), () => _il.Emit(OpCodes.Ldc_I8, _proto.Constants[b].AsInt));
                return true;
            case VmOp.ForPrep or VmOp.ForPrepInc when IsInt(a):
                IntForPrep(a, Op(i) == VmOp.ForPrepInc, next + SBx(i));
                return true;
            case VmOp.ForLoop when IsInt(a):
                IntForLoop(a, next + SBx(i));
                return true;
            default:
                return false;
        }
    }

    /// <summary>R[a] := x op y on longs; on overflow the interpreter redoes the instruction (and raises Overflow).</summary>
    private void IntArithmetic(int pc, VmOp op, int a, Action x, Action y)
    {
        x();
        _il.Emit(OpCodes.Stloc, _x);
        y();
        _il.Emit(OpCodes.Stloc, _y);
        var overflow = _il.NewLabel($"overflow_{pc}");
        if (op == VmOp.Mul)
        {
            // high == low >> 63 exactly when the product fits.
            _il.Emit(OpCodes.Ldloc, _x);
            _il.Emit(OpCodes.Ldloc, _y);
            _il.Emit(OpCodes.Ldloca, _r);
            _il.Emit(OpCodes.Call, VmMembers.BigMul);
            _il.Emit(OpCodes.Ldloc, _r);
            _il.Int(63);
            _il.Emit(OpCodes.Shr);
            _il.Emit(OpCodes.Bne_Un, overflow);
        }
        else
        {
            _il.Emit(OpCodes.Ldloc, _x);
            _il.Emit(OpCodes.Ldloc, _y);
            _il.Emit(op == VmOp.Add ? OpCodes.Add : OpCodes.Sub);
            _il.Emit(OpCodes.Stloc, _r);
            // Add overflows when both operands' signs differ from the result's; sub when x's differs from y's and r's.
            _il.Emit(OpCodes.Ldloc, _x);
            _il.Emit(OpCodes.Ldloc, op == VmOp.Add ? _r : _y);
            _il.Emit(OpCodes.Xor);
            _il.Emit(OpCodes.Ldloc, op == VmOp.Add ? _y : _x);
            _il.Emit(OpCodes.Ldloc, _r);
            _il.Emit(OpCodes.Xor);
            _il.Emit(OpCodes.And);
            _il.Emit(OpCodes.Ldc_I8, 0L);
            _il.Emit(OpCodes.Blt, overflow);
        }
        _il.Emit(OpCodes.Ldloc, _r);
        _il.Emit(OpCodes.Stloc, _int[a]!);
        _stubs.Add(() =>
        {
            _il.Mark(overflow);
            Deoptimize(pc, -1, "int overflow", flush: true);
        });
    }

    /// <summary>A comparison test of the int register R[A] with <paramref name="right"/>; equal to k runs the JMP.</summary>
    private void IntTest(int pc, VmOp op, bool k, Action right)
    {
        _il.Emit(OpCodes.Ldloc, _int[A(_code[pc])]!);
        right();
        var skip = Target(pc + 2);
        // Branch to skip the JMP when (condition != k), i.e. on the condition's negation when k is set.
        var branch = (op, k) switch
        {
            (VmOp.Eq, true) => OpCodes.Bne_Un, (VmOp.Eq, false) => OpCodes.Beq,
            (VmOp.Lt, true) => OpCodes.Bge, (VmOp.Lt, false) => OpCodes.Blt,
            (VmOp.Le, true) => OpCodes.Bgt, (VmOp.Le, false) => OpCodes.Ble,
            (VmOp.Gt, true) => OpCodes.Ble, (VmOp.Gt, false) => OpCodes.Bgt,
            (VmOp.Ge, true) => OpCodes.Blt, (VmOp.Ge, false) => OpCodes.Bge,
            _ => throw new InvalidOperationException($"jit: no int test for {op}"),
        };
        _il.Emit(branch, skip);
    }

    /// <summary>FORPREP over int registers: (start, end) become (current, remaining steps); empty ranges jump past the loop.</summary>
    private void IntForPrep(int a, bool inclusive, int exit)
    {
        LocalBuilder start = _int[a]!, end = _int[a + 1]!, variable = _int[a + 2]!;
        _il.Emit(OpCodes.Ldloc, end);
        _il.Emit(OpCodes.Ldloc, start);
        _il.Emit(inclusive ? OpCodes.Blt : OpCodes.Ble, Target(exit));
        _il.Emit(OpCodes.Ldloc, end);
        _il.Emit(OpCodes.Ldloc, start);
        _il.Emit(OpCodes.Sub);
        if (!inclusive)
        {
            _il.Emit(OpCodes.Ldc_I8, 1L);
            _il.Emit(OpCodes.Sub);
        }
        _il.Emit(OpCodes.Stloc, end);
        _il.Emit(OpCodes.Ldloc, start);
        _il.Emit(OpCodes.Stloc, variable);
    }

    /// <summary>FORLOOP over int registers: a tick (the loop's end), then while steps remain, step and jump back.</summary>
    private void IntForLoop(int a, int body)
    {
        LocalBuilder current = _int[a]!, remaining = _int[a + 1]!, variable = _int[a + 2]!;
        var done = _il.NewLabel("loop_done");
        LoopEndTick();
        _il.Emit(OpCodes.Ldloc, remaining);
        _il.Emit(OpCodes.Brfalse, done);
        _il.Emit(OpCodes.Ldloc, current);
        _il.Emit(OpCodes.Ldc_I8, 1L);
        _il.Emit(OpCodes.Add);
        _il.Emit(OpCodes.Dup);
        _il.Emit(OpCodes.Stloc, current);
        _il.Emit(OpCodes.Stloc, variable);
        _il.Emit(OpCodes.Ldloc, remaining);
        _il.Emit(OpCodes.Ldc_I8, 1L);
        _il.Emit(OpCodes.Sub);
        _il.Emit(OpCodes.Stloc, remaining);
        if (_stress) StressGuard(body, flush: true);
        _il.Emit(OpCodes.Br, Target(body));
        _il.Mark(done);
    }
}

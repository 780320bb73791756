using System.Reflection.Emit;
using Veld.RegisterVm;
using static Veld.RegisterVm.Instruction;
using VmOp = Veld.RegisterVm.OpCode;

namespace Veld.Jit;

/// <summary>
/// Instructions over typed registers (<see cref="TypePlan"/>) as plain <c>long</c>, <c>double</c> and <c>bool</c> IL:
/// no boxing, no tag tests. Int overflow and float division by zero are explicit tests; when one fails the
/// interpreter redoes the instruction (and raises the error).
/// </summary>
internal sealed partial class FunctionEmitter
{
    private readonly LocalBuilder _x, _y, _r;
    /// <summary>A double scratch local (a divisor).</summary>
    private readonly LocalBuilder _divisor;
    /// <summary>The instruction being emitted.</summary>
    private int _pc;

    private RegisterKind KindOf(int r) => (uint)r < (uint)_kinds.Length ? _kinds[r] : RegisterKind.Boxed;
    private bool IsTyped(int r) => KindOf(r) != RegisterKind.Boxed;
    private bool IsInt(int r) => KindOf(r) == RegisterKind.Int;
    private bool IsFloat(int r) => KindOf(r) == RegisterKind.Float;
    private bool IsBool(int r) => KindOf(r) == RegisterKind.Bool;
    private bool IsNumber(int r) => IsInt(r) || IsFloat(r);

    /// <summary>The local of a typed register; null for any other (operands past the frame's registers included).</summary>
    private LocalBuilder? Local(int r) => (uint)r < (uint)_local.Length ? _local[r] : null;

    /// <summary>The typed form of the instruction at <paramref name="pc"/>, when its operands allow one.</summary>
    private bool TryEmitTyped(int pc)
    {
        uint i = _code[pc];
        int a = A(i), b = B(i), c = C(i);
        int next = pc + Width(pc);
        var k = _proto.Constants;
        switch (Op(i))
        {
            case VmOp.LoadI when IsInt(a):
                return LoadTyped(a, () => _il.Emit(OpCodes.Ldc_I8, (long)SBx(i)));
            case VmOp.LoadK when IsInt(a) && k[Bx(i)].IsInt:
                return LoadTyped(a, () => _il.Emit(OpCodes.Ldc_I8, k[Bx(i)].AsInt));
            case VmOp.LoadF when IsFloat(a):
                return LoadTyped(a, () => _il.Emit(OpCodes.Ldc_R8, (double)SBx(i)));
            case VmOp.LoadK when IsFloat(a) && k[Bx(i)].IsFloat:
                return LoadTyped(a, () => _il.Emit(OpCodes.Ldc_R8, k[Bx(i)].AsFloat));
            case VmOp.LoadTrue or VmOp.LoadFalse when IsBool(a):
                return LoadTyped(a, () => Bool(Op(i) == VmOp.LoadTrue));
            case VmOp.Move when IsTyped(a) && KindOf(b) == KindOf(a):
                _il.Emit(OpCodes.Ldloc, _local[b]!);
                _il.Emit(OpCodes.Stloc, _local[a]!);
                return true;
            case VmOp.AddI or VmOp.SubI when IsInt(a) && IsInt(b):
                IntArithmetic(pc, Op(i) == VmOp.AddI ? VmOp.Add : VmOp.Sub, a, () => _il.Emit(OpCodes.Ldloc, _local[b]!), () => _il.Emit(OpCodes.Ldc_I8, (long)SC(i)));
                return true;
            case VmOp.Add or VmOp.Sub or VmOp.Mul when IsInt(a) && IsInt(b) && IsInt(c):
                IntArithmetic(pc, Op(i), a, () => _il.Emit(OpCodes.Ldloc, _local[b]!), () => _il.Emit(OpCodes.Ldloc, _local[c]!));
                return true;
            case VmOp.AddK or VmOp.SubK or VmOp.MulK when IsInt(a) && IsInt(b) && k[c].IsInt:
                IntArithmetic(pc, Op(i) - VmOp.AddK + VmOp.Add, a, () => _il.Emit(OpCodes.Ldloc, _local[b]!), () => _il.Emit(OpCodes.Ldc_I8, k[c].AsInt));
                return true;
            // An int operand of float arithmetic converts, as the runtime's mixed arithmetic does (AsNumber).
            case VmOp.Add or VmOp.Sub or VmOp.Mul or VmOp.Div when IsFloat(a) && IsNumber(b) && IsNumber(c) && (IsFloat(b) || IsFloat(c)):
                FloatArithmetic(pc, Op(i), a, () => AsDouble(b), () => AsDouble(c));
                return true;
            case VmOp.AddK or VmOp.SubK or VmOp.MulK or VmOp.DivK when IsFloat(a) && IsNumber(b) && k[c].IsNumber && (IsFloat(b) || k[c].IsFloat):
                FloatArithmetic(pc, Op(i) - VmOp.AddK + VmOp.Add, a, () => AsDouble(b), () => _il.Emit(OpCodes.Ldc_R8, k[c].AsNumber));
                return true;
            case VmOp.Unm when IsFloat(a) && IsFloat(b):
                _il.Emit(OpCodes.Ldloc, _local[b]!);
                _il.Emit(OpCodes.Neg);
                _il.Emit(OpCodes.Stloc, _local[a]!);
                return true;
            case VmOp.Not when IsBool(a) && IsBool(b):
                _il.Emit(OpCodes.Ldloc, _local[b]!);
                _il.Int(0);
                _il.Emit(OpCodes.Ceq);
                _il.Emit(OpCodes.Stloc, _local[a]!);
                return true;
            case VmOp.Eq or VmOp.Lt or VmOp.Le or VmOp.Gt or VmOp.Ge when IsInt(a) && IsInt(b):
                NumberTest(pc, Op(i), K(i), ordered: false, () => _il.Emit(OpCodes.Ldloc, _local[a]!), () => _il.Emit(OpCodes.Ldloc, _local[b]!));
                return true;
            case VmOp.Lt or VmOp.Le or VmOp.Gt or VmOp.Ge when IsFloat(a) && IsFloat(b):
                NumberTest(pc, Op(i), K(i), ordered: true, () => _il.Emit(OpCodes.Ldloc, _local[a]!), () => _il.Emit(OpCodes.Ldloc, _local[b]!));
                return true;
            case VmOp.EqI or VmOp.LtI or VmOp.LeI or VmOp.GtI or VmOp.GeI when IsInt(a):
                NumberTest(pc, Op(i) - VmOp.EqI + VmOp.Eq, K(i), ordered: false, () => _il.Emit(OpCodes.Ldloc, _local[a]!), () => _il.Emit(OpCodes.Ldc_I8, (long)SB(i)));
                return true;
            case VmOp.EqK when IsInt(a) && k[b].IsInt:
                NumberTest(pc, VmOp.Eq, K(i), ordered: false, () => _il.Emit(OpCodes.Ldloc, _local[a]!), () => _il.Emit(OpCodes.Ldc_I8, k[b].AsInt));
                return true;
            case VmOp.Test when IsBool(a):
                _il.Emit(OpCodes.Ldloc, _local[a]!);
                SkipJumpUnless(pc, K(i));
                return true;
            case VmOp.CheckBool when IsBool(a):
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

    /// <summary>Typed register <paramref name="r"/> := the constant <paramref name="constant"/> pushes.</summary>
    private bool LoadTyped(int r, Action constant)
    {
        constant();
        _il.Emit(OpCodes.Stloc, _local[r]!);
        return true;
    }

    /// <summary>Push number register <paramref name="r"/> as a double.</summary>
    private void AsDouble(int r)
    {
        _il.Emit(OpCodes.Ldloc, _local[r]!);
        if (IsInt(r)) _il.Emit(OpCodes.Conv_R8);
    }

    /// <summary>R[a] := x op y on doubles; a zero divisor goes back to the interpreter, which raises DivisionByZero.</summary>
    private void FloatArithmetic(int pc, VmOp op, int a, Action x, Action y)
    {
        x();
        y();
        if (op == VmOp.Div)
        {
            _il.Emit(OpCodes.Stloc, _divisor);
            _il.Emit(OpCodes.Ldloc, _divisor);
            _il.Emit(OpCodes.Ldc_R8, 0.0);
            var zero = _il.NewLabel($"division_by_zero_{pc}");
            _il.Emit(OpCodes.Beq, zero);
            _il.Emit(OpCodes.Ldloc, _divisor);
            _stubs.Add(() =>
            {
                _il.Mark(zero);
                Deoptimize(pc, -1, "float division by zero", flush: true);
            });
        }
        _il.Emit(op switch { VmOp.Add => OpCodes.Add, VmOp.Sub => OpCodes.Sub, VmOp.Mul => OpCodes.Mul, _ => OpCodes.Div });
        _il.Emit(OpCodes.Stloc, _local[a]!);
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
        _il.Emit(OpCodes.Stloc, _local[a]!);
        _stubs.Add(() =>
        {
            _il.Mark(overflow);
            Deoptimize(pc, -1, "int overflow", flush: true);
        });
    }

    /// <summary>A comparison test of two numbers of one kind; equal to k runs the JMP. <paramref name="ordered"/>
    /// (doubles): a comparison with NaN is false, so the negated branches are the unordered ones.</summary>
    private void NumberTest(int pc, VmOp op, bool k, bool ordered, Action left, Action right)
    {
        left();
        right();
        var skip = Target(pc + 2);
        // Branch to skip the JMP when (condition != k), i.e. on the condition's negation when k is set.
        var branch = (op, k) switch
        {
            (VmOp.Eq, true) => OpCodes.Bne_Un, (VmOp.Eq, false) => OpCodes.Beq,
            (VmOp.Lt, true) => ordered ? OpCodes.Bge_Un : OpCodes.Bge, (VmOp.Lt, false) => OpCodes.Blt,
            (VmOp.Le, true) => ordered ? OpCodes.Bgt_Un : OpCodes.Bgt, (VmOp.Le, false) => OpCodes.Ble,
            (VmOp.Gt, true) => ordered ? OpCodes.Ble_Un : OpCodes.Ble, (VmOp.Gt, false) => OpCodes.Bgt,
            (VmOp.Ge, true) => ordered ? OpCodes.Blt_Un : OpCodes.Blt, (VmOp.Ge, false) => OpCodes.Bge,
            _ => throw new InvalidOperationException($"jit: no typed test for {op}"),
        };
        _il.Emit(branch, skip);
    }

    /// <summary>FORPREP over int registers: (start, end) become (current, remaining steps); empty ranges jump past the loop.</summary>
    private void IntForPrep(int a, bool inclusive, int exit)
    {
        LocalBuilder start = _local[a]!, end = _local[a + 1]!, variable = _local[a + 2]!;
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
        LocalBuilder current = _local[a]!, remaining = _local[a + 1]!, variable = _local[a + 2]!;
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

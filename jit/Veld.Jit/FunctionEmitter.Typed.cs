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

    // A register names a different web (live range) as an operand and as a result: an operand is the value
    // on entry to the instruction, a result the value it writes. Each typed web has its own local.

    /// <summary>The web register <paramref name="r"/> holds on entry to the instruction being emitted (-1: past the frame).</summary>
    private int WebIn(int r) => _plan.Webs.In(_pc, r);
    /// <summary>The web the instruction being emitted writes to register <paramref name="r"/>.</summary>
    private int WebOut(int r) => _plan.Webs.Out(_pc, r);
    private RegisterKind KindOfWeb(int w) => w >= 0 ? _kinds[w] : RegisterKind.Boxed;

    /// <summary>The kind of operand register <paramref name="r"/>.</summary>
    private RegisterKind KindOf(int r) => KindOfWeb(WebIn(r));
    private bool IsTyped(int r) => KindOf(r) != RegisterKind.Boxed;
    private bool IsInt(int r) => KindOf(r) == RegisterKind.Int;
    private bool IsFloat(int r) => KindOf(r) == RegisterKind.Float;
    private bool IsBool(int r) => KindOf(r) == RegisterKind.Bool;
    private bool IsNumber(int r) => IsInt(r) || IsFloat(r);

    /// <summary>The kind the instruction's result in register <paramref name="r"/> is kept as.</summary>
    private RegisterKind ResultKind(int r) => KindOfWeb(WebOut(r));
    private bool ResultIs(int r, RegisterKind kind) => ResultKind(r) == kind;

    /// <summary>The local of a typed operand; null for any other (operands past the frame's registers included).</summary>
    private LocalBuilder? Local(int r) => WebIn(r) is var w && w >= 0 ? _local[w] : null;
    /// <summary>The local of operand <paramref name="r"/>, which must be typed.</summary>
    private LocalBuilder In(int r) => Local(r)!;
    /// <summary>The local of the instruction's typed result in <paramref name="r"/>.</summary>
    private LocalBuilder Out(int r) => _local[WebOut(r)]!;

    /// <summary>The typed form of the instruction at <paramref name="pc"/>, when its operands allow one.</summary>
    private bool TryEmitTyped(int pc)
    {
        uint i = _code[pc];
        int a = A(i), b = B(i), c = C(i);
        int next = pc + Width(pc);
        var k = _proto.Constants;
        switch (Op(i))
        {
            case VmOp.LoadI when ResultIs(a, RegisterKind.Int):
                return LoadTyped(a, () => _il.Emit(OpCodes.Ldc_I8, (long)SBx(i)));
            case VmOp.LoadK when ResultIs(a, RegisterKind.Int) && k[Bx(i)].IsInt:
                return LoadTyped(a, () => _il.Emit(OpCodes.Ldc_I8, k[Bx(i)].AsInt));
            case VmOp.LoadF when ResultIs(a, RegisterKind.Float):
                return LoadTyped(a, () => _il.Emit(OpCodes.Ldc_R8, (double)SBx(i)));
            case VmOp.LoadK when ResultIs(a, RegisterKind.Float) && k[Bx(i)].IsFloat:
                return LoadTyped(a, () => _il.Emit(OpCodes.Ldc_R8, k[Bx(i)].AsFloat));
            case VmOp.LoadTrue or VmOp.LoadFalse when ResultIs(a, RegisterKind.Bool):
                return LoadTyped(a, () => Bool(Op(i) == VmOp.LoadTrue));
            case VmOp.Move when ResultKind(a) != RegisterKind.Boxed && KindOf(b) == ResultKind(a):
                _il.Emit(OpCodes.Ldloc, In(b));
                _il.Emit(OpCodes.Stloc, Out(a));
                return true;
            case VmOp.AddI or VmOp.SubI when ResultIs(a, RegisterKind.Int) && IsInt(b):
                IntArithmetic(pc, Op(i) == VmOp.AddI ? VmOp.Add : VmOp.Sub, a, () => _il.Emit(OpCodes.Ldloc, In(b)), () => _il.Emit(OpCodes.Ldc_I8, (long)SC(i)));
                return true;
            case VmOp.Add or VmOp.Sub or VmOp.Mul when ResultIs(a, RegisterKind.Int) && IsInt(b) && IsInt(c):
                IntArithmetic(pc, Op(i), a, () => _il.Emit(OpCodes.Ldloc, In(b)), () => _il.Emit(OpCodes.Ldloc, In(c)));
                return true;
            case VmOp.AddK or VmOp.SubK or VmOp.MulK when ResultIs(a, RegisterKind.Int) && IsInt(b) && k[c].IsInt:
                IntArithmetic(pc, Op(i) - VmOp.AddK + VmOp.Add, a, () => _il.Emit(OpCodes.Ldloc, In(b)), () => _il.Emit(OpCodes.Ldc_I8, k[c].AsInt));
                return true;
            // An int operand of float arithmetic converts, as the runtime's mixed arithmetic does (AsNumber).
            case VmOp.Add or VmOp.Sub or VmOp.Mul or VmOp.Div when ResultIs(a, RegisterKind.Float) && IsNumber(b) && IsNumber(c) && (IsFloat(b) || IsFloat(c)):
                FloatArithmetic(pc, Op(i), a, () => AsDouble(b), () => AsDouble(c));
                return true;
            case VmOp.AddK or VmOp.SubK or VmOp.MulK or VmOp.DivK when ResultIs(a, RegisterKind.Float) && IsNumber(b) && k[c].IsNumber && (IsFloat(b) || k[c].IsFloat):
                FloatArithmetic(pc, Op(i) - VmOp.AddK + VmOp.Add, a, () => AsDouble(b), () => _il.Emit(OpCodes.Ldc_R8, k[c].AsNumber));
                return true;
            case VmOp.Unm when ResultIs(a, RegisterKind.Float) && IsFloat(b):
                _il.Emit(OpCodes.Ldloc, In(b));
                _il.Emit(OpCodes.Neg);
                _il.Emit(OpCodes.Stloc, Out(a));
                return true;
            case VmOp.Not when ResultIs(a, RegisterKind.Bool) && IsBool(b):
                _il.Emit(OpCodes.Ldloc, In(b));
                _il.Int(0);
                _il.Emit(OpCodes.Ceq);
                _il.Emit(OpCodes.Stloc, Out(a));
                return true;
            case VmOp.Eq or VmOp.Lt or VmOp.Le or VmOp.Gt or VmOp.Ge when IsInt(a) && IsInt(b):
                NumberTest(pc, Op(i), K(i), ordered: false, () => _il.Emit(OpCodes.Ldloc, In(a)), () => _il.Emit(OpCodes.Ldloc, In(b)));
                return true;
            case VmOp.Lt or VmOp.Le or VmOp.Gt or VmOp.Ge when IsFloat(a) && IsFloat(b):
                NumberTest(pc, Op(i), K(i), ordered: true, () => _il.Emit(OpCodes.Ldloc, In(a)), () => _il.Emit(OpCodes.Ldloc, In(b)));
                return true;
            case VmOp.EqI or VmOp.LtI or VmOp.LeI or VmOp.GtI or VmOp.GeI when IsInt(a):
                NumberTest(pc, Op(i) - VmOp.EqI + VmOp.Eq, K(i), ordered: false, () => _il.Emit(OpCodes.Ldloc, In(a)), () => _il.Emit(OpCodes.Ldc_I8, (long)SB(i)));
                return true;
            case VmOp.EqK when IsInt(a) && k[b].IsInt:
                NumberTest(pc, VmOp.Eq, K(i), ordered: false, () => _il.Emit(OpCodes.Ldloc, In(a)), () => _il.Emit(OpCodes.Ldc_I8, k[b].AsInt));
                return true;
            case VmOp.Test when IsBool(a):
                _il.Emit(OpCodes.Ldloc, In(a));
                SkipJumpUnless(pc, K(i));
                return true;
            case VmOp.CallK when TypedBuiltins.IsAbs(_proto, i) && (IsInt(a) || IsFloat(a)):
                EmitAbs(pc, a);
                return true;
            case VmOp.CallK when TypedBuiltins.IsSqrt(_proto, i) && (IsInt(a) || IsFloat(a)):
                EmitSqrt(pc, a);
                return true;
            case VmOp.CheckBool when IsBool(a):
                return true;
            case VmOp.ForPrep or VmOp.ForPrepInc when IsInt(a) && IsInt(a + 1) && ResultIs(a, RegisterKind.Int) && ResultIs(a + 1, RegisterKind.Int) && ResultIs(a + 2, RegisterKind.Int):
                IntForPrep(a, Op(i) == VmOp.ForPrepInc, next + SBx(i));
                return true;
            case VmOp.ForLoop when IsInt(a) && IsInt(a + 1) && ResultIs(a, RegisterKind.Int) && ResultIs(a + 1, RegisterKind.Int) && ResultIs(a + 2, RegisterKind.Int):
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
        _il.Emit(OpCodes.Stloc, Out(r));
        return true;
    }

    /// <summary>Push number register <paramref name="r"/> as a double.</summary>
    private void AsDouble(int r)
    {
        _il.Emit(OpCodes.Ldloc, In(r));
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
        _il.Emit(OpCodes.Stloc, Out(a));
    }

    /// <summary>R[a] := x op y on longs; on overflow the interpreter redoes the instruction (and raises Overflow).</summary>
    private void IntArithmetic(int pc, VmOp op, int a, Action x, Action y)
    {
        x();
        _il.Emit(OpCodes.Stloc, _x);
        y();
        _il.Emit(OpCodes.Stloc, _y);
        var overflow = _il.NewLabel($"overflow_{pc}");
        if (op != VmOp.Mul && _plan.Ranges.CannotOverflow(pc))
        {
            // A range fact (IntRanges): the operands' intervals keep the result within long.
            _il.Emit(OpCodes.Ldloc, _x);
            _il.Emit(OpCodes.Ldloc, _y);
            _il.Emit(op == VmOp.Add ? OpCodes.Add : OpCodes.Sub);
            _il.Emit(OpCodes.Stloc, Out(a));
            return;
        }
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
        _il.Emit(OpCodes.Stloc, Out(a));
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
        LocalBuilder start = In(a), end = In(a + 1);
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
        _il.Emit(OpCodes.Stloc, Out(a + 1));
        _il.Emit(OpCodes.Ldloc, start);
        _il.Emit(OpCodes.Dup);
        _il.Emit(OpCodes.Stloc, Out(a + 2));
        _il.Emit(OpCodes.Stloc, Out(a)); // the current value stays the start (its own web when not joined with the loop's)
    }

    /// <summary>FORLOOP over int registers: a tick (the loop's end), then while steps remain, step and jump back.</summary>
    private void IntForLoop(int a, int body)
    {
        LocalBuilder current = In(a), remaining = In(a + 1);
        var done = _il.NewLabel("loop_done");
        LoopEndTick();
        _il.Emit(OpCodes.Ldloc, remaining);
        _il.Emit(OpCodes.Brfalse, done);
        _il.Emit(OpCodes.Ldloc, remaining);
        _il.Emit(OpCodes.Ldc_I8, 1L);
        _il.Emit(OpCodes.Sub);
        _il.Emit(OpCodes.Stloc, Out(a + 1));
        _il.Emit(OpCodes.Ldloc, current);
        _il.Emit(OpCodes.Ldc_I8, 1L);
        _il.Emit(OpCodes.Add);
        _il.Emit(OpCodes.Dup);
        _il.Emit(OpCodes.Stloc, Out(a));
        _il.Emit(OpCodes.Stloc, Out(a + 2));
        if (_stress) StressGuard(body, flush: true);
        _il.Emit(OpCodes.Br, Target(body));
        _il.Mark(done);
    }
}

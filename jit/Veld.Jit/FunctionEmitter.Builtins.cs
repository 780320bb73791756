using System.Reflection.Emit;

namespace Veld.Jit;

/// <summary>Builtins emitted inline on typed arguments (<see cref="TypedBuiltins"/>): no flush, no call, no boxing.</summary>
internal sealed partial class FunctionEmitter
{
    private static readonly System.Reflection.MethodInfo FloatAbs = typeof(Math).GetMethod(nameof(Math.Abs), [typeof(double)])!;
    private static readonly System.Reflection.MethodInfo FloatSqrt = typeof(Math).GetMethod(nameof(Math.Sqrt), [typeof(double)])!;

    /// <summary>
    /// CALLK R[a] := abs(R[a]) with R[a] a typed int or float. The interpreter ticks, then raises Overflow at the int
    /// minimum; here the minimum deoptimises before the tick, so the interpreter runs the call (tick and error) itself.
    /// </summary>
    private void EmitAbs(int pc, int a)
    {
        bool isInt = IsInt(a);
        if (isInt)
        {
            var overflow = _il.NewLabel($"abs_overflow_{pc}");
            _il.Emit(OpCodes.Ldloc, In(a));
            _il.Emit(OpCodes.Ldc_I8, long.MinValue);
            _il.Emit(OpCodes.Beq, overflow);
            _stubs.Add(() =>
            {
                _il.Mark(overflow);
                Deoptimize(pc, -1, "abs of the int minimum", flush: true);
            });
        }
        MayRaise(pc);
        Tick();
        void Abs()
        {
            _il.Emit(OpCodes.Ldloc, In(a));
            if (!isInt)
            {
                _il.Emit(OpCodes.Call, FloatAbs);
                return;
            }
            // (x ^ s) - s with s = x >> 63: |x| without a branch (x is not the minimum here).
            _il.Emit(OpCodes.Ldloc, In(a));
            _il.Int(63);
            _il.Emit(OpCodes.Shr);
            _il.Emit(OpCodes.Stloc, _r);
            _il.Emit(OpCodes.Ldloc, _r);
            _il.Emit(OpCodes.Xor);
            _il.Emit(OpCodes.Ldloc, _r);
            _il.Emit(OpCodes.Sub);
        }
        StoreInlineResult(a, Abs, isInt ? RegisterKind.Int : RegisterKind.Float);
    }

    /// <summary>CALLK R[a] := sqrt(R[a]) with R[a] a typed int or float: the interpreter's tick, then <c>Math.Sqrt</c> of
    /// the number as a double (the builtin's own conversion), a float.</summary>
    private void EmitSqrt(int pc, int a)
    {
        bool isInt = IsInt(a);
        MayRaise(pc);
        Tick();
        void Sqrt()
        {
            _il.Emit(OpCodes.Ldloc, In(a));
            if (isInt) _il.Emit(OpCodes.Conv_R8);
            _il.Emit(OpCodes.Call, FloatSqrt);
        }
        StoreInlineResult(a, Sqrt, RegisterKind.Float);
    }

    /// <summary>R[a] := the <paramref name="kind"/> number <paramref name="result"/> pushes: into its typed local, or boxed.</summary>
    private void StoreInlineResult(int a, Action result, RegisterKind kind)
    {
        if (ResultKind(a) != RegisterKind.Boxed)
        {
            result();
            _il.Emit(OpCodes.Stloc, Out(a));
            return;
        }
        Store(a, () =>
        {
            result();
            _il.Emit(OpCodes.Call, kind == RegisterKind.Int ? VmMembers.FromInt : VmMembers.FromFloat);
        });
    }
}

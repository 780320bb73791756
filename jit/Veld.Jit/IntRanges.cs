using Veld.RegisterVm;
using static Veld.RegisterVm.Instruction;
using VmOp = Veld.RegisterVm.OpCode;

namespace Veld.Jit;

/// <summary>
/// Range facts: for each pc, the interval each register's int lies in, on every path through the function (the
/// interpreter's as well as compiled code's, so a fact holds wherever compiled code is entered or deoptimises). A
/// register has an interval only when it certainly holds an int there: a constant, a counted loop's registers, or
/// + and - of such ints (int + int is an int or raises, so a result that continues lies within <c>long</c>); a
/// comparison with another such int narrows it along the edge where it holds (<c>while z &lt; 50</c>). Anything else
/// written to a register forgets it. Joins widen a bound that moved straight to the type's limit, so the analysis
/// ends after a few passes. What compiled code uses: <see cref="CannotOverflow"/>, an int addition or subtraction
/// whose operands' intervals keep the result within <c>long</c> needs no overflow test (mandelbrot's <c>z += 1</c>).
/// </summary>
internal sealed class IntRanges
{
    /// <summary>A register's facts: <see cref="Known"/> when it certainly holds an int in [Lo, Hi].</summary>
    private readonly record struct Interval(bool Known, long Lo, long Hi)
    {
        public static readonly Interval Unknown = new(false, 0, 0);
        public static readonly Interval AnyInt = new(true, long.MinValue, long.MaxValue);
        public static Interval Of(long value) => new(true, value, value);
        public static Interval Clamped(Int128 lo, Int128 hi) => new(true, (long)Int128.Clamp(lo, long.MinValue, long.MaxValue), (long)Int128.Clamp(hi, long.MinValue, long.MaxValue));
        public bool IsEmpty => Known && Lo > Hi;
    }

    private readonly bool[] _cannotOverflow;

    private IntRanges(bool[] cannotOverflow) => _cannotOverflow = cannotOverflow;

    /// <summary>No facts (code the plan does not analyse).</summary>
    public static IntRanges None(int codeLength) => new(new bool[codeLength]);

    /// <summary>Whether the int addition or subtraction at <paramref name="pc"/> (ADD, SUB, ADDI, SUBI, ADDK, SUBK) cannot
    /// overflow when its operands are ints.</summary>
    public bool CannotOverflow(int pc) => (uint)pc < (uint)_cannotOverflow.Length && _cannotOverflow[pc];

    /// <param name="captured">Registers a closure captures: a call may write them through an upvalue, so they never
    /// have an interval.</param>
    /// <param name="typedInt">Whether register r's value at pc is one compiled code keeps as a <c>long</c> (its web is
    /// typed int): where the facts are used, in compiled code, it then certainly is an int, so a comparison narrows it
    /// (fib's parameter <c>n</c> is at least 2 after <c>n &lt; 2</c> fails, and <c>n - 1</c> cannot overflow). The
    /// facts then hold in compiled code only, which is the one place they are read.</param>
    public static IntRanges For(FunctionProto proto, InstructionFacts[] facts, bool[] captured, Func<int, int, bool>? typedInt = null)
    {
        var code = proto.Code;
        int n = proto.MaxStack;
        var states = new Interval[]?[code.Length];
        var handlers = TypePlan.HandlersOf(proto, facts);
        // Every cycle has an edge back to a pc at or before its source: joins widen there, and only there, so a bound a
        // test narrows inside a loop (z <= 49) survives to the instructions after the test.
        var widens = new bool[code.Length];
        for (int pc = 0; pc < code.Length; pc += Math.Max(1, facts[pc].Length))
        {
            if (facts[pc].HasJump && (uint)facts[pc].Jump < (uint)code.Length && facts[pc].Jump <= pc) widens[facts[pc].Jump] = true;
            foreach (int handler in handlers[pc] ?? [])
                if (handler <= pc) widens[handler] = true;
        }
        var loopOf = CountedLoops(proto, facts, captured);
        var work = new Stack<int>();
        var queued = new bool[code.Length];
        void Flow(int target, Interval[] state)
        {
            if ((uint)target >= (uint)code.Length || facts[target].Length == 0) return;
            if (Join(ref states[target], state, widens[target]) && !queued[target])
            {
                queued[target] = true;
                work.Push(target);
            }
        }
        var entry = new Interval[n];
        Array.Fill(entry, Interval.Unknown);
        Flow(0, entry);
        while (work.Count > 0)
        {
            int pc = work.Pop();
            queued[pc] = false;
            var f = facts[pc];
            var before = WithTypedInts(states[pc]!, pc, typedInt);
            // An error leaves for a handler before the instruction writes; the handler's state is not narrowed.
            foreach (int handler in handlers[pc] ?? []) Flow(handler, before);
            var after = Written(proto, f, pc, before, f.Write, plain: true, captured);
            // A counted loop's step reads its FORPREP's end: a wider end there widens the step too.
            if (loopOf.TryGetValue(pc, out var loop) && loop.Prep == pc && states[loop.Step] is not null && !queued[loop.Step])
            {
                queued[loop.Step] = true;
                work.Push(loop.Step);
            }
            int next = pc + f.Length;
            if (f.IsTest)
            {
                // Equal to k runs the JMP at next; otherwise execution goes on after it.
                uint i = code[pc];
                if (Narrowed(proto, pc, after, K(i)) is { } toJump) Flow(next, toJump);
                if (Narrowed(proto, pc, after, !K(i)) is { } past) Flow(next + 1, past);
            }
            else if (f.FallsThrough) Flow(next, Written(proto, f, pc, after, f.FallWrite, plain: false, captured));
            if (f.HasJump)
            {
                var jumped = Written(proto, f, pc, after, f.JumpWrite, plain: false, captured);
                if (loopOf.TryGetValue(pc, out var counted) && states[counted.Prep] is { } atPrep) jumped = Stepped(code[pc], atPrep, after, jumped);
                Flow(f.Jump, jumped);
            }
        }

        var cannotOverflow = new bool[code.Length];
        for (int pc = 0; pc < code.Length; pc++)
            if (states[pc] is { } state && Sum(proto, code[pc], WithTypedInts(state, pc, typedInt)) is { } sum)
                cannotOverflow[pc] = sum.Lo >= long.MinValue && sum.Hi <= long.MaxValue;
        return new IntRanges(cannotOverflow);
    }

    /// <summary><paramref name="state"/> with every register of no interval that compiled code keeps as a <c>long</c> at
    /// <paramref name="pc"/> taken as any int.</summary>
    private static Interval[] WithTypedInts(Interval[] state, int pc, Func<int, int, bool>? typedInt)
    {
        if (typedInt is null) return state;
        Interval[]? result = null;
        for (int r = 0; r < state.Length; r++)
            if (!state[r].Known && typedInt(pc, r)) (result ??= (Interval[])state.Clone())[r] = Interval.AnyInt;
        return result ?? state;
    }

    /// <summary>A FORPREP at <see cref="Prep"/> and the FORLOOP at <see cref="Step"/> that closes its body.</summary>
    private readonly record struct CountedLoop(int Prep, int Step);

    /// <summary>
    /// The counted loops (by the pc of both their FORPREP and their FORLOOP) whose counter stays between the FORPREP's
    /// start and end: the FORLOOP jumps back to the instruction after its FORPREP, which exits to the instruction after
    /// it, nothing in between writes the counter or the steps left (nor a call's window or a closure reaches them), and
    /// no jump enters the body from outside. The compiler's loops are all like this; a hand-made file's need not be.
    /// </summary>
    private static Dictionary<int, CountedLoop> CountedLoops(FunctionProto proto, InstructionFacts[] facts, bool[] captured)
    {
        var code = proto.Code;
        var loops = new Dictionary<int, CountedLoop>();
        var handlers = TypePlan.HandlersOf(proto, facts).SelectMany(h => h ?? []).ToHashSet();
        static bool Overlaps(RegisterRange range, int a) => range.First < a + 2 && range.End > a;
        for (int step = 0; step < code.Length; step += Math.Max(1, facts[step].Length))
        {
            if (Op(code[step]) != VmOp.ForLoop) continue;
            int a = A(code[step]), body = facts[step].Jump, prep = body - 1;
            if (prep < 0 || prep >= step || Op(code[prep]) is not (VmOp.ForPrep or VmOp.ForPrepInc) || A(code[prep]) != a
                || facts[prep].Jump != step + facts[step].Length || a + 2 >= captured.Length || captured[a] || captured[a + 1])
                continue;
            bool kept = true;
            for (int pc = 0; pc < code.Length && kept; pc += Math.Max(1, facts[pc].Length))
            {
                var f = facts[pc];
                bool inBody = pc >= body && pc < step;
                if (inBody && (Overlaps(f.Write, a) || Overlaps(f.FallWrite, a) || Overlaps(f.JumpWrite, a)
                    || (f.ClobberFrom >= 0 && f.ClobberFrom < a + 2)))
                    kept = false;
                bool outside = pc < prep || pc > step;
                if (outside && ((f.HasJump && f.Jump >= body && f.Jump <= step) || (f.IsTest && pc + f.Length + 1 >= body && pc + f.Length + 1 <= step)))
                    kept = false;
            }
            if (!kept || handlers.Any(h => h >= body && h <= step)) continue;
            loops[prep] = loops[step] = new CountedLoop(prep, step);
        }
        return loops;
    }

    /// <summary>A FORLOOP's jump back: the counter goes up by one and stays at most the FORPREP's end (steps were left).</summary>
    private static Interval[] Stepped(uint forLoop, Interval[] atPrep, Interval[] atStep, Interval[] jumped)
    {
        int a = A(forLoop);
        var end = atPrep[a + 1].Known ? atPrep[a + 1] : Interval.AnyInt;
        var counter = atStep[a].Known ? atStep[a] : Interval.AnyInt;
        var result = (Interval[])jumped.Clone();
        result[a] = result[a + 2] = Interval.Clamped((Int128)counter.Lo + 1, Int128.Min((Int128)counter.Hi + 1, end.Hi));
        return result;
    }

    /// <summary>The state after the instruction writes <paramref name="written"/>: <paramref name="plain"/>, its writes on
    /// every path (after its clobber), else those of one edge (a counted loop's registers).</summary>
    private static Interval[] Written(FunctionProto proto, InstructionFacts f, int pc, Interval[] state, RegisterRange written, bool plain, bool[] captured)
    {
        if (written.Count == 0 && !(plain && f.ClobberFrom >= 0)) return state;
        var result = (Interval[])state.Clone();
        if (plain && f.ClobberFrom >= 0)
            for (int r = f.ClobberFrom; r < result.Length; r++) result[r] = Interval.Unknown;
        for (int r = written.First; r < Math.Min(written.End, result.Length); r++) result[r] = Interval.Unknown;
        uint i = proto.Code[pc];
        int a = A(i);
        if ((uint)a >= (uint)result.Length) return result;
        switch (Op(i))
        {
            case VmOp.LoadI when plain:
                result[a] = Interval.Of(SBx(i));
                break;
            case VmOp.LoadK when plain && proto.Constants[Bx(i)].IsInt:
                result[a] = Interval.Of(proto.Constants[Bx(i)].AsInt);
                break;
            case VmOp.Move when plain && (uint)B(i) < (uint)state.Length:
                result[a] = state[B(i)];
                break;
            case VmOp.ForPrep or VmOp.ForPrepInc when !plain && written == f.FallWrite && a + 2 < result.Length:
            {
                // The body runs with start <= counter <= end (end - 1 exclusive); a range of non-ints raised.
                var start = state[a].Known ? state[a] : Interval.AnyInt;
                var end = state[a + 1].Known ? state[a + 1] : Interval.AnyInt;
                var counter = Interval.Clamped(start.Lo, (Int128)end.Hi - (Op(i) == VmOp.ForPrep ? 1 : 0));
                result[a] = result[a + 2] = counter;
                result[a + 1] = Interval.AnyInt;
                break;
            }
            case VmOp.ForLoop when !plain && a + 2 < result.Length:
                result[a] = result[a + 1] = result[a + 2] = Interval.AnyInt;
                break;
            default:
                if (plain && Sum(proto, i, state) is { } sum) result[a] = Interval.Clamped(sum.Lo, sum.Hi);
                break;
        }
        for (int r = 0; r < result.Length; r++)
            if (captured[r]) result[r] = Interval.Unknown;
        return result;
    }

    /// <summary>The exact range of an int addition or subtraction's result, when its operands certainly are ints.</summary>
    private static (Int128 Lo, Int128 Hi)? Sum(FunctionProto proto, uint i, Interval[] state)
    {
        Interval Reg(int r) => (uint)r < (uint)state.Length ? state[r] : Interval.Unknown;
        var k = proto.Constants;
        (Interval x, Interval y, bool subtract) = Op(i) switch
        {
            VmOp.AddI => (Reg(B(i)), Interval.Of(SC(i)), false),
            VmOp.SubI => (Reg(B(i)), Interval.Of(SC(i)), true),
            VmOp.Add => (Reg(B(i)), Reg(C(i)), false),
            VmOp.Sub => (Reg(B(i)), Reg(C(i)), true),
            VmOp.AddK when k[C(i)].IsInt => (Reg(B(i)), Interval.Of(k[C(i)].AsInt), false),
            VmOp.SubK when k[C(i)].IsInt => (Reg(B(i)), Interval.Of(k[C(i)].AsInt), true),
            _ => (Interval.Unknown, Interval.Unknown, false),
        };
        if (!x.Known || !y.Known) return null;
        return subtract ? ((Int128)x.Lo - y.Hi, (Int128)x.Hi - y.Lo) : ((Int128)x.Lo + y.Lo, (Int128)x.Hi + y.Hi);
    }

    /// <summary>The state along the edge where the test at <paramref name="pc"/>'s condition is <paramref name="holds"/>;
    /// null when no int can take it. Only ints on both sides narrow (a float compares with an int by value).</summary>
    private static Interval[]? Narrowed(FunctionProto proto, int pc, Interval[] state, bool holds)
    {
        uint i = proto.Code[pc];
        int a = A(i);
        if ((uint)a >= (uint)state.Length || !state[a].Known) return state;
        var op = Op(i);
        Interval other;
        int b = -1;
        switch (op)
        {
            case VmOp.EqI or VmOp.LtI or VmOp.LeI or VmOp.GtI or VmOp.GeI:
                other = Interval.Of(SB(i));
                op = op - VmOp.EqI + VmOp.Eq;
                break;
            case VmOp.EqK when proto.Constants[B(i)].IsInt:
                other = Interval.Of(proto.Constants[B(i)].AsInt);
                op = VmOp.Eq;
                break;
            case VmOp.Eq or VmOp.Lt or VmOp.Le or VmOp.Gt or VmOp.Ge when (uint)B(i) < (uint)state.Length && state[B(i)].Known:
                b = B(i);
                other = state[b];
                break;
            default:
                return state;
        }
        // The condition's negation is the reversed comparison (x < y fails: y <= x), swapping the operands.
        if (!holds)
        {
            if (op == VmOp.Eq) return state;
            op = op switch { VmOp.Lt => VmOp.Ge, VmOp.Le => VmOp.Gt, VmOp.Gt => VmOp.Le, _ => VmOp.Lt };
        }
        var x = state[a];
        var y = other;
        (x, y) = op switch
        {
            VmOp.Eq => (x with { Lo = Math.Max(x.Lo, y.Lo), Hi = Math.Min(x.Hi, y.Hi) }, y with { Lo = Math.Max(x.Lo, y.Lo), Hi = Math.Min(x.Hi, y.Hi) }),
            VmOp.Lt => (x with { Hi = Math.Min(x.Hi, Below(y.Hi)) }, y with { Lo = Math.Max(y.Lo, Above(x.Lo)) }),
            VmOp.Le => (x with { Hi = Math.Min(x.Hi, y.Hi) }, y with { Lo = Math.Max(y.Lo, x.Lo) }),
            VmOp.Gt => (x with { Lo = Math.Max(x.Lo, Above(y.Lo)) }, y with { Hi = Math.Min(y.Hi, Below(x.Hi)) }),
            _ => (x with { Lo = Math.Max(x.Lo, y.Lo) }, y with { Hi = Math.Min(y.Hi, x.Hi) }),
        };
        if (x.IsEmpty || y.IsEmpty || (op is VmOp.Lt && y.Hi == long.MinValue) || (op is VmOp.Gt && y.Lo == long.MaxValue)) return null;
        var result = (Interval[])state.Clone();
        result[a] = x;
        if (b >= 0 && b != a) result[b] = y;
        return result;
    }

    private static long Below(long v) => v == long.MinValue ? long.MinValue : v - 1;
    private static long Above(long v) => v == long.MaxValue ? long.MaxValue : v + 1;

    /// <summary>Joins <paramref name="incoming"/> into <paramref name="state"/>; true when it changed. <paramref name="widen"/>:
    /// a bound that grows goes straight to the type's limit, so each interval there changes at most three times.</summary>
    private static bool Join(ref Interval[]? state, Interval[] incoming, bool widen)
    {
        if (state is null)
        {
            state = (Interval[])incoming.Clone();
            return true;
        }
        bool changed = false;
        for (int r = 0; r < state.Length; r++)
        {
            var old = state[r];
            if (!old.Known) continue;
            var add = incoming[r];
            var joined = !add.Known ? Interval.Unknown
                : widen ? old with { Lo = add.Lo < old.Lo ? long.MinValue : old.Lo, Hi = add.Hi > old.Hi ? long.MaxValue : old.Hi }
                : old with { Lo = Math.Min(old.Lo, add.Lo), Hi = Math.Max(old.Hi, add.Hi) };
            if (joined != old)
            {
                state[r] = joined;
                changed = true;
            }
        }
        return changed;
    }
}

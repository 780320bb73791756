using System.Collections.Immutable;
using static Veld.RegisterVm.Instruction;

namespace Veld.RegisterVm;

/// <summary>One problem the checker found: where, and what.</summary>
public sealed record CheckerViolation(string Proto, int Pc, string Message)
{
    public override string ToString() => $"{Proto} pc {Pc}: {Message}";
}

/// <summary>
/// A checker for the register allocator's output, in the spirit of regalloc2's checker: an abstract
/// interpretation over each compiled <see cref="FunctionProto"/> that proves, on every path,
/// <list type="bullet">
/// <item>every register an instruction reads has been written (parameters count as written on entry);</item>
/// <item>no instruction overwrites or clobbers a live immutable local (from the debug ranges), and no call
///   window overlaps any live local (a call clobbers its window and everything above it);</item>
/// <item>TRY/ENDTRY nest consistently (the same try stack on every path into an instruction);</item>
/// <item>the VM's internal values stay internal: ITERNEXT's register holds ITERPREP's iterator on every path,
///   and nothing else reads, captures or exposes a register that may hold one (see <see cref="FrameState"/>);</item>
/// <item>an upvalue never sees a slot no Veld code wrote: CLOSURE captures only written registers (or its own
///   target, the local function that sees itself);</item>
/// <item>and, through <see cref="ProgramVerifier"/> first, that every operand is in range.</item>
/// </list>
/// The abstract state at an instruction is a <see cref="FrameState"/> plus the stack of enclosing try
/// handlers; paths meet with <see cref="FrameState.Meet"/>. An exception can leave from any instruction
/// inside a try, so the handler's entry state is the meet of the states of all of them. Operand kinds the
/// VM checks itself at run time (GETPAYLOAD's variant, APPEND's array, and ITERNEXT's iterator once more, see
/// <see cref="FrameState"/>) are not tracked here.
/// </summary>
public static class RegisterChecker
{
    /// <summary>Check every prototype of <paramref name="program"/>; an empty list means it is proven.</summary>
    public static IReadOnlyList<CheckerViolation> Check(RegisterProgram program)
    {
        try
        {
            ProgramVerifier.Verify(program);
        }
        catch (BytecodeVerificationException e)
        {
            return [new CheckerViolation(program.Script.Name, -1, e.Message)];
        }
        var violations = new List<CheckerViolation>();
        foreach (var proto in program.Script.SelfAndDescendants())
            violations.AddRange(CheckProto(program, proto, InstructionFacts.OfEvery(proto, program)));
        return violations;
    }

    /// <summary>Throw <see cref="BytecodeVerificationException"/> listing the violations, if any.</summary>
    public static void Require(RegisterProgram program)
    {
        var violations = Check(program);
        if (violations.Count > 0)
            throw new BytecodeVerificationException("register checker: " + string.Join("; ", violations.Take(10)));
    }

    /// <summary>The abstract state before one instruction.</summary>
    private readonly record struct State(FrameState Frame, ImmutableStack<int> Handlers);

    /// <summary>Check one (structurally verified) prototype, whose instructions the verifier decoded.</summary>
    private static IReadOnlyList<CheckerViolation> CheckProto(RegisterProgram program, FunctionProto p, InstructionFacts[] factsAt)
    {
        var violations = new List<CheckerViolation>();
        void Report(int pc, string message)
        {
            if (violations.Count < 100) violations.Add(new CheckerViolation(p.Name, pc, message));
        }

        var states = new State?[p.Code.Length];
        var work = new Stack<int>();
        var tryOfHandler = new Dictionary<int, int>();
        for (int pc = 0; pc < p.Code.Length; pc++)
            if (Op(p.Code[pc]) == OpCode.Try && !tryOfHandler.TryAdd(pc + 1 + SBx(p.Code[pc]), pc))
                Report(pc, "two TRY instructions share one handler");

        void Flow(int from, int target, State incoming)
        {
            if (states[target] is not { } existing)
            {
                states[target] = incoming;
                work.Push(target);
                return;
            }
            if (!HandlersEqual(existing.Handlers, incoming.Handlers))
            {
                Report(from, $"reaches pc {target} inside a different set of try blocks than other paths do");
                return;
            }
            var met = existing.Frame.Meet(incoming.Frame);
            if (!met.Equals(existing.Frame))
            {
                states[target] = existing with { Frame = met };
                work.Push(target);
            }
        }

        Flow(0, 0, new State(FrameState.Entry(p.ParamCount), ImmutableStack<int>.Empty));

        while (work.Count > 0)
        {
            int pc = work.Pop();
            var state = states[pc]!.Value;
            var frame = state.Frame;
            var facts = factsAt[pc];
            uint word = p.Code[pc];
            var op = Op(word);
            string name = facts.Opcode!.Mnemonic;

            foreach (var read in facts.Reads)
                for (int r = read.First; r < read.End; r++)
                {
                    if (!frame.Defined.Contains(r)) Report(pc, $"{name} reads r{r}, which is not written on every path to it");
                    // ITERNEXT is the one reader of an iterator (its own register A).
                    else if (frame.MaybeIterators.Contains(r) && !(op == OpCode.IterNext && r == A(word)))
                        Report(pc, $"{name} reads r{r}, which may hold a for loop's iterator");
                }
            if (op == OpCode.IterNext && !frame.Iterators.Contains(A(word)))
                Report(pc, $"ITERNEXT on r{A(word)}, which does not hold an ITERPREP iterator on every path to it");

            var atThrow = facts.ClobberFrom >= 0 ? frame.Clobbered(facts.ClobberFrom) : frame;

            var after = atThrow;
            if (op == OpCode.Closure) CheckCaptures(p, pc, word, frame, Report);
            after = after.Written(facts.Write);
            if (op == OpCode.IterPrep) after = after.WithIterator(A(word));

            // An exception leaving this instruction enters the innermost handler (the callee may have
            // clobbered the window first).
            if (!state.Handlers.IsEmpty)
            {
                int handler = state.Handlers.Peek();
                var caught = atThrow.Written(RegisterRange.One(A(p.Code[tryOfHandler[handler]])));
                Flow(pc, handler, new State(caught, state.Handlers.Pop()));
            }

            var handlers = state.Handlers;
            if (op == OpCode.EndTry)
            {
                if (handlers.IsEmpty) { Report(pc, "ENDTRY outside any try"); continue; }
                handlers = handlers.Pop();
            }

            int next = pc + facts.Length;
            if (facts.FallsThrough && op != OpCode.Try) Flow(pc, next, new State(after.Written(facts.FallWrite), handlers));
            if (facts.IsTest)
            {
                // The test's JMP (at next) is an ordinary instruction; the skip lands after it.
                Flow(pc, next + 1, new State(after, handlers));
            }
            if (facts.HasJump)
            {
                if (op == OpCode.Try) Flow(pc, next, new State(after, handlers.Push(facts.Jump)));
                else Flow(pc, facts.Jump, new State(after.Written(facts.JumpWrite), handlers));
            }
        }

        CheckLocals(p, factsAt, states, Report);
        return violations;
    }

    /// <summary>
    /// Live locals (from the debug ranges) are never overwritten when immutable, never clobbered by a call.
    /// One sweep over the code with the locals live at each pc: linear in code size times registers, so even
    /// a hostile file with many long-lived locals is checked quickly.
    /// </summary>
    private static void CheckLocals(FunctionProto p, InstructionFacts[] factsAt, State?[] states, Action<int, string> report)
    {
        var starts = new List<LocalVarInfo>(p.Locals.Length);
        foreach (var local in p.Locals)
            if (local.StartPc < p.Code.Length) starts.Add(local);
        // The compiler writes the entries in order of their start; a loaded file need not (a stable sort then).
        for (int n = 1; n < starts.Count; n++)
            if (starts[n].StartPc < starts[n - 1].StartPc)
            {
                starts = [.. starts.OrderBy(l => l.StartPc)];
                break;
            }
        var live = new List<LocalVarInfo>();
        int next = 0;
        for (int pc = 0; pc < p.Code.Length; pc++)
        {
            for (int n = live.Count - 1; n >= 0; n--)
                if (live[n].EndPc <= pc) live.RemoveAt(n);
            while (next < starts.Count && starts[next].StartPc <= pc)
            {
                if (starts[next].EndPc > pc) live.Add(starts[next]);
                next++;
            }
            if (live.Count == 0 || states[pc] is null) continue; // nothing live, unreachable, or an EXTRAARG word
            var facts = factsAt[pc];
            foreach (var local in live)
            {
                bool clobbered = facts.ClobberFrom >= 0 && local.Register >= facts.ClobberFrom && !Covers(facts.Write, local.Register);
                if (clobbered)
                    report(pc, $"{facts.Opcode!.Mnemonic} window at r{facts.ClobberFrom} overlaps live local '{local.Name}' in r{local.Register}");
                else if (!local.IsMutable && (Covers(facts.Write, local.Register) || Covers(facts.JumpWrite, local.Register) || Covers(facts.FallWrite, local.Register)))
                    report(pc, $"{facts.Opcode!.Mnemonic} overwrites live immutable local '{local.Name}' in r{local.Register}");
            }
        }
    }

    /// <summary>
    /// CLOSURE's captures: each register an upvalue of the new closure refers to must hold a value Veld code
    /// wrote (the closure's own target is the exception: a local function sees itself once CLOSURE has run),
    /// never an iterator. Once a slot has held a Veld value it holds one for good, so no upvalue reads an empty slot.
    /// </summary>
    private static void CheckCaptures(FunctionProto p, int pc, uint word, FrameState frame, Action<int, string> report)
    {
        var nested = p.Protos[Bx(word)];
        foreach (var upvalue in nested.Upvalues)
            if (upvalue.InStack) CheckCapturedRegister(pc, word, upvalue.Index, byValue: false, frame, report);
        foreach (var capture in nested.Captures)
            if (capture.InStack) CheckCapturedRegister(pc, word, capture.Index, byValue: true, frame, report);
    }

    private static void CheckCapturedRegister(int pc, uint word, int r, bool byValue, FrameState frame, Action<int, string> report)
    {
        // A copy is taken before CLOSURE writes its target, so the target itself cannot be captured by value.
        if (byValue && r == A(word))
            report(pc, $"CLOSURE captures its own target r{r} by value, before writing it");
        else if (r != A(word) && !frame.Defined.Contains(r))
            report(pc, $"CLOSURE captures r{r}, which is not written on every path to it");
        else if (r != A(word) && frame.MaybeIterators.Contains(r))
            report(pc, $"CLOSURE captures r{r}, which may hold a for loop's iterator");
    }

    private static bool Covers(RegisterRange range, int register) => register >= range.First && register < range.End;

    private static bool HandlersEqual(ImmutableStack<int> a, ImmutableStack<int> b)
    {
        while (!a.IsEmpty && !b.IsEmpty)
        {
            if (a.Peek() != b.Peek()) return false;
            a = a.Pop();
            b = b.Pop();
        }
        return a.IsEmpty && b.IsEmpty;
    }
}

/// <summary>A set of registers 0..255 as four 64-bit words (a value type: states are copied, never shared).</summary>
public readonly record struct RegisterSet(ulong W0, ulong W1, ulong W2, ulong W3)
{
    public static readonly RegisterSet Empty = new(0, 0, 0, 0);

    public bool Contains(int r) => ((r >> 6) switch { 0 => W0, 1 => W1, 2 => W2, _ => W3 } & (1UL << (r & 63))) != 0;

    public RegisterSet With(int r)
    {
        ulong bit = 1UL << (r & 63);
        return (r >> 6) switch
        {
            0 => this with { W0 = W0 | bit },
            1 => this with { W1 = W1 | bit },
            2 => this with { W2 = W2 | bit },
            _ => this with { W3 = W3 | bit },
        };
    }

    public RegisterSet With(RegisterRange range)
    {
        var s = this;
        for (int r = range.First; r < range.End; r++) s = s.With(r);
        return s;
    }

    /// <summary>Only the registers below <paramref name="first"/>.</summary>
    public RegisterSet WithoutFrom(int first)
    {
        ulong Keep(int word, ulong w)
        {
            int low = word * 64;
            if (first <= low) return 0;
            if (first >= low + 64) return w;
            return w & ((1UL << (first - low)) - 1);
        }
        return new RegisterSet(Keep(0, W0), Keep(1, W1), Keep(2, W2), Keep(3, W3));
    }

    public RegisterSet Intersect(RegisterSet o) => new(W0 & o.W0, W1 & o.W1, W2 & o.W2, W3 & o.W3);

    public RegisterSet Union(RegisterSet o) => new(W0 | o.W0, W1 | o.W1, W2 | o.W2, W3 | o.W3);

    public RegisterSet Without(RegisterRange range)
    {
        var s = this;
        for (int r = range.First; r < range.End; r++)
        {
            ulong bit = ~(1UL << (r & 63));
            s = (r >> 6) switch
            {
                0 => s with { W0 = s.W0 & bit },
                1 => s with { W1 = s.W1 & bit },
                2 => s with { W2 = s.W2 & bit },
                _ => s with { W3 = s.W3 & bit },
            };
        }
        return s;
    }
}

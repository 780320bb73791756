using Veld.Runtime;
using Veld.RegisterVm;
using static Veld.RegisterVm.Instruction;
using VmOp = Veld.RegisterVm.OpCode;

namespace Veld.Jit;

/// <summary>
/// Which values of a function compiled code keeps unboxed in IL locals (<c>long</c>, <c>double</c> or <c>bool</c>).
/// The unit is a <see cref="RegisterWebs">web</see> (a live range), not a register: the register compiler reuses a
/// register for a float temporary and then an int loop counter, and each gets its own kind and local. A web gets a
/// kind when its writers say so (an int constant, a counted loop, float arithmetic...), else when the interpreter
/// saw its register hold only that kind (<see cref="TypeProfile"/>); then it keeps the kind only if every
/// instruction writing it can yield that kind: provably (its operands have kinds) or checked by a guard that
/// deoptimises when it fails. Registers an upvalue captures stay boxed, and so do webs whose guard already failed
/// in this run (<paramref name="excluded"/>) and parameters the profile does not vouch for.
/// </summary>
internal sealed class TypePlan
{
    /// <summary>The kind of each web (<see cref="RegisterKind.Boxed"/>: it lives in the register stack).</summary>
    public RegisterKind[] Kinds { get; }
    public RegisterWebs Webs { get; }
    /// <summary>Registers live on entry at each pc (null where nothing was computed: a plan for code with errors).</summary>
    public bool[]?[] LiveIn { get; }
    public InstructionFacts[] Facts { get; }
    /// <summary>Webs no instruction writes (parameters only read): their stack slot always holds the value their
    /// local caches, so they never need writing back.</summary>
    public bool[] NeverWritten { get; }
    /// <summary>The webs live where a TRY's handler starts: what a catch in the frame may read after an error.</summary>
    public IReadOnlyList<int> LiveAtHandlers { get; }
    /// <summary>What the code proves of its ints' ranges (which additions cannot overflow).</summary>
    public IntRanges Ranges { get; }

    /// <summary>Per web: whether its kind came from what its own field or element reads were seen reading (an observation, not a
    /// register's profile extended to a web never live where the registers are sampled).</summary>
    public bool[] FromSiteReads { get; }

    private TypePlan(FunctionProto proto, RegisterKind[] kinds, RegisterWebs webs, bool[]?[] liveIn, InstructionFacts[] facts, IntRanges ranges,
        bool[]? fromSiteReads = null)
    {
        FromSiteReads = fromSiteReads ?? new bool[kinds.Length];
        Ranges = ranges;
        Kinds = kinds;
        Webs = webs;
        LiveIn = liveIn;
        Facts = facts;
        NeverWritten = [.. Enumerable.Range(0, kinds.Length).Select(w => webs.Writers(w).Count == 0)];
        var atHandlers = new SortedSet<int>();
        for (int pc = 0; pc < facts.Length; pc += Math.Max(1, facts[pc].Length))
            if (Op(proto.Code[pc]) == VmOp.Try && facts[pc].Jump is var handler && (uint)handler < (uint)liveIn.Length && liveIn[handler] is { } live)
                for (int r = 0; r < live.Length; r++)
                    if (live[r] && webs.In(handler, r) is var w && w >= 0) atHandlers.Add(w);
        LiveAtHandlers = [.. atHandlers];
    }

    public IEnumerable<int> TypedWebs => Enumerable.Range(0, Kinds.Length).Where(w => Kinds[w] != RegisterKind.Boxed);

    /// <summary>"r4:int, r5:float": each register with a typed web (a register reused for two kinds is listed twice).</summary>
    public string Describe()
    {
        var typed = TypedWebs.Select(w => (Register: Webs.RegisterOf(w), Kind: Kinds[w])).Distinct().OrderBy(t => t.Register).ThenBy(t => t.Kind).ToList();
        return typed.Count > 0 ? string.Join(", ", typed.Select(t => $"r{t.Register}:{t.Kind.ToString().ToLowerInvariant()}")) : "none";
    }

    /// <param name="callResults">The kind expected of some CALLG sites' results (by pc): a direct call to a function that
    /// returns that kind. Their result webs take it, guarded after the call.</param>
    /// <param name="fieldKinds">The kinds each GETFIELD (by pc) was seen reading: a web only such reads write takes
    /// the kind they agree on, whatever its register held elsewhere.</param>
    /// <param name="elementKinds">The kinds each GETINDEX (by pc) was seen reading, likewise; a web only element reads
    /// write, one of them never seen reading anything, stays boxed (its register's profile is another web's).</param>
    public static TypePlan For(FunctionProto proto, RegisterProgram program, ISet<int> excluded, SeenKinds[]? profile = null,
        IReadOnlyDictionary<int, RegisterKind>? callResults = null, SeenKinds[]? fieldKinds = null, SeenKinds[]? elementKinds = null)
    {
        var code = proto.Code;
        var facts = new InstructionFacts[code.Length];
        for (int pc = 0; pc < code.Length; pc += Math.Max(1, facts[pc].Length))
            facts[pc] = InstructionFacts.Of(proto, program, pc);
        for (int pc = 0; pc < code.Length; pc += Math.Max(1, facts[pc].Length))
            if (facts[pc].Error is not null)
            {
                var none = RegisterWebs.Unsplit(code.Length, proto.MaxStack);
                return new TypePlan(proto, new RegisterKind[none.Count], none, new bool[]?[code.Length], facts, IntRanges.None(code.Length));
            }

        var liveIn = LiveAtEntries(proto, facts);
        var webs = RegisterWebs.Build(proto, facts, liveIn);
        var seen = new SeenKinds[proto.MaxStack];
        if (profile is not null) profile.AsSpan(0, Math.Min(profile.Length, seen.Length)).CopyTo(seen);
        var captured = new bool[proto.MaxStack];
        foreach (var nested in proto.Protos)
            foreach (var uv in nested.Upvalues.Concat(nested.Captures))
                if (uv.InStack && uv.Index < captured.Length) captured[uv.Index] = true;

        var kinds = new RegisterKind[webs.Count];
        var profiled = new bool[webs.Count];
        var fromSiteReads = new bool[webs.Count];
        var unsplitAtHandlers = RangesSharingAHandlerRegister(proto, facts, liveIn, webs);
        bool Eligible(int w) => !excluded.Contains(w) && !captured[webs.RegisterOf(w)] && !unsplitAtHandlers.Contains(w)
            && (!webs.EntersWithFrame(w) || webs.RegisterOf(w) < proto.ParamCount);
        callResults ??= new Dictionary<int, RegisterKind>();

        // A web only calls with an expected result kind write takes it first, so that arithmetic on it is typed too.
        for (int w = 0; w < kinds.Length; w++)
            if (Eligible(w) && !webs.EntersWithFrame(w) && ExpectedCallResult(webs, w, callResults) is { } expected)
            {
                kinds[w] = expected;
                profiled[w] = true;
            }

        // First what the code proves: kinds that follow from constants and operand kinds, to a fixpoint.
        void Proven()
        {
            bool grew = true;
            while (grew)
            {
                grew = false;
                for (int w = 0; w < kinds.Length; w++)
                    if (kinds[w] == RegisterKind.Boxed && Eligible(w) && !webs.EntersWithFrame(w) && CertainKind(proto, webs, w, kinds) is { } k)
                    {
                        kinds[w] = k;
                        grew = true;
                    }
            }
        }
        Proven();
        // Then what the interpreter saw, for webs the code leaves open (a parameter, an element, a call's result),
        // and without feedback the writers' guess. A web a TEST reads is a bool (anything else raises there) whatever
        // its register's profile says, which mixes every web of the register (sieve's `flags[i - 1]` shares r6 with
        // the int `k`: profiled int, it deoptimised at the first element).
        var conditions = ReadAsConditions(proto, webs);
        var sampled = WidenedAssumptions.Sampled(code, liveIn, webs);
        int lastBackEdge = WidenedAssumptions.LastBackEdge(code);
        for (int w = 0; w < kinds.Length; w++)
        {
            if (kinds[w] != RegisterKind.Boxed || !Eligible(w) || (webs.Writers(w).Count == 0 && !webs.EntersWithFrame(w))) continue;
            if (conditions[w])
            {
                kinds[w] = RegisterKind.Bool;
                profiled[w] = true;
                continue;
            }
            var siteRead = SiteReadKinds(proto, webs, w, fieldKinds, elementKinds, sampled.Contains(w), lastBackEdge);
            var observed = siteRead ?? seen[webs.RegisterOf(w)];
            kinds[w] = observed switch
            {
                SeenKinds.Int => RegisterKind.Int,
                SeenKinds.Float => RegisterKind.Float,
                SeenKinds.Bool => RegisterKind.Bool,
                SeenKinds.None when !webs.EntersWithFrame(w) => GuessedKind(proto, webs, w, kinds),
                _ => RegisterKind.Boxed,
            };
            // The profile mixes every web of the register; a MOVE from a register seen holding other kinds copies one
            // of those (sieve's `benchmark` moved its array into a register its loop above had held ints in).
            if (kinds[w] != RegisterKind.Boxed && MovesAnotherKind(proto, webs, w, seen, kinds[w])) kinds[w] = RegisterKind.Boxed;
            profiled[w] = kinds[w] != RegisterKind.Boxed && observed != SeenKinds.None;
            fromSiteReads[w] = siteRead is not null;
        }

        // Again what follows from the kinds the profile gave (`0 - abs(self.v)` once `self.v` is a sampled int).
        Proven();

        // Greatest fixpoint: a web any of whose writers cannot yield its kind goes back to the stack.
        bool changed = true;
        while (changed)
        {
            changed = false;
            for (int w = 0; w < kinds.Length; w++)
            {
                if (kinds[w] == RegisterKind.Boxed) continue;
                // A copy of a call's result or an element left boxed is none of its register's other webs either
                // (nbody's script moves `energy(bodies)` into the register its loop's counter had held, profiled int).
                if (profiled[w] && !fromSiteReads[w] && !conditions[w] && CopiesUnknownResult(proto, webs, w, kinds, sampled, lastBackEdge))
                {
                    kinds[w] = RegisterKind.Boxed;
                    changed = true;
                    continue;
                }
                foreach (int pc in webs.Writers(w))
                    if (!(callResults.TryGetValue(pc, out var expected) && expected == kinds[w]) && !MayYield(proto, webs, pc, w, kinds, profiled[w]))
                    {
                        kinds[w] = RegisterKind.Boxed;
                        changed = true;
                        break;
                    }
            }
        }
        return new TypePlan(proto, kinds, webs, liveIn, facts, IntRanges.For(proto, facts, captured,
            (pc, r) => webs.In(pc, r) is var w && w >= 0 && kinds[w] == RegisterKind.Int), fromSiteReads);
    }

    /// <summary>The kinds the field and element reads writing web <paramref name="w"/> were seen reading, when every
    /// writer is a GETFIELD or GETINDEX site the profile has; else null (the register's profile decides). A read never
    /// seen reading (its receiver or container was not in its register at any sample) after the last loop makes it
    /// Other, unless the web is live at a sampling point (<paramref name="sampled"/>): its register's kinds are those of
    /// its other webs (strings' `pieces[n - 1]` into the register of the loop's counter). In a loop, the register's
    /// profile may be the site's own stale value (nbody's `bodies[j].v`, whose receiver register is reused after it).</summary>
    private static SeenKinds? SiteReadKinds(FunctionProto proto, RegisterWebs webs, int w, SeenKinds[]? fieldKinds, SeenKinds[]? elementKinds,
        bool sampled, int lastBackEdge)
    {
        if (webs.Writers(w).Count == 0) return null;
        var kinds = SeenKinds.None;
        bool unseen = false;
        foreach (int pc in webs.Writers(w))
        {
            var sites = Op(proto.Code[pc]) switch { VmOp.GetField => fieldKinds, VmOp.GetIndex => elementKinds, _ => null };
            if (sites is null || pc >= sites.Length) return null;
            if (sites[pc] == SeenKinds.None)
            {
                if (sampled || pc <= lastBackEdge) return null;
                unseen = true;
            }
            kinds |= sites[pc];
        }
        return unseen ? SeenKinds.Other : kinds;
    }

    /// <summary>Whether a MOVE after the last loop writing web <paramref name="w"/> copies a boxed web that only calls or
    /// element reads write and that is live at no sampling point (<paramref name="sampled"/>): a value whose kind no
    /// sample saw (`count = bodies.len()`, live at the loop that reads it, was seen).</summary>
    private static bool CopiesUnknownResult(FunctionProto proto, RegisterWebs webs, int w, RegisterKind[] kinds, HashSet<int> sampled,
        int lastBackEdge)
    {
        foreach (int pc in webs.Writers(w))
            if (pc > lastBackEdge && Op(proto.Code[pc]) == VmOp.Move && webs.In(pc, B(proto.Code[pc])) is var source && source >= 0
                && kinds[source] == RegisterKind.Boxed && !sampled.Contains(source) && webs.Writers(source).Count > 0
                && webs.Writers(source).All(writer => IsCallOrElementRead(Op(proto.Code[writer]))))
                return true;
        return false;
    }

    private static bool IsCallOrElementRead(VmOp op) =>
        op is VmOp.Call or VmOp.CallK or VmOp.CallG or VmOp.CallR or VmOp.MethodCall or VmOp.GetIndex;

    /// <summary>Whether a MOVE writing web <paramref name="w"/> copies a register the interpreter saw holding something
    /// other than <paramref name="kind"/> (and never that kind).</summary>
    private static bool MovesAnotherKind(FunctionProto proto, RegisterWebs webs, int w, SeenKinds[] seen, RegisterKind kind)
    {
        var wanted = kind switch { RegisterKind.Int => SeenKinds.Int, RegisterKind.Float => SeenKinds.Float, _ => SeenKinds.Bool };
        foreach (int pc in webs.Writers(w))
            if (Op(proto.Code[pc]) == VmOp.Move && B(proto.Code[pc]) is var source && source < seen.Length
                && seen[source] != SeenKinds.None && (seen[source] & wanted) == 0)
                return true;
        return false;
    }

    /// <summary>Per web: whether a TEST reads it as its condition.</summary>
    private static bool[] ReadAsConditions(FunctionProto proto, RegisterWebs webs)
    {
        var read = new bool[webs.Count];
        var code = proto.Code;
        for (int pc = 0; pc < code.Length; pc++)
            if (Op(code[pc]) == VmOp.Test && webs.In(pc, A(code[pc])) is var w && w >= 0) read[w] = true;
        return read;
    }

    /// <summary>The kind every writer of web <paramref name="w"/> is a call expected to return, when they all are and agree.</summary>
    private static RegisterKind? ExpectedCallResult(RegisterWebs webs, int w, IReadOnlyDictionary<int, RegisterKind> callResults)
    {
        RegisterKind? kind = null;
        foreach (int pc in webs.Writers(w))
        {
            if (!callResults.TryGetValue(pc, out var k) || (kind is not null && kind != k)) return null;
            kind = k;
        }
        return kind;
    }

    /// <summary>The one kind every RETURN of the function returns its value as (null: mixed, boxed, or no RETURN).</summary>
    public RegisterKind? ReturnKind(FunctionProto proto) => ReturnKinds(proto, every: true);

    /// <summary>The kind the typed RETURNs return, when they agree (others may be boxed): what a call to itself is assumed to return.</summary>
    public RegisterKind? SomeReturnKind(FunctionProto proto) => ReturnKinds(proto, every: false);

    private RegisterKind? ReturnKinds(FunctionProto proto, bool every)
    {
        RegisterKind? kind = null;
        var code = proto.Code;
        for (int pc = 0; pc < code.Length; pc += Math.Max(1, Facts[pc].Length))
        {
            var op = Op(code[pc]);
            if (op is VmOp.ReturnUnit or VmOp.TailCall or VmOp.TailCallG or VmOp.TailCallR or VmOp.TailMethod) return null;
            if (op != VmOp.Return) continue;
            int w = Webs.In(pc, A(code[pc]));
            var k = w >= 0 ? Kinds[w] : RegisterKind.Boxed;
            if (k == RegisterKind.Boxed && !every) continue;
            if (k == RegisterKind.Boxed || (kind is not null && kind != k)) return null;
            kind = k;
        }
        return kind;
    }

    /// <summary>
    /// Webs live at a TRY handler whose register has another web live at a handler too. An error's filter writes the
    /// handler-live webs back without knowing which pc raised: with one web per register at the handlers, that is
    /// the web every pc of the TRY bodies holds (an error edge joins them); with two, one would overwrite the other.
    /// </summary>
    private static HashSet<int> RangesSharingAHandlerRegister(FunctionProto proto, InstructionFacts[] facts, bool[]?[] liveIn, RegisterWebs webs)
    {
        var atHandlers = new Dictionary<int, HashSet<int>>();
        for (int pc = 0; pc < facts.Length; pc += Math.Max(1, facts[pc].Length))
            if (Op(proto.Code[pc]) == VmOp.Try && facts[pc].Jump is var handler && (uint)handler < (uint)liveIn.Length && liveIn[handler] is { } live)
                for (int r = 0; r < live.Length; r++)
                    if (live[r] && webs.In(handler, r) is var w && w >= 0)
                        (atHandlers.TryGetValue(r, out var set) ? set : atHandlers[r] = []).Add(w);
        return [.. atHandlers.Values.Where(set => set.Count > 1).SelectMany(set => set)];
    }

    /// <summary>The kind every writer of web <paramref name="w"/> certainly yields (or raises an error), when they agree.</summary>
    private static RegisterKind? CertainKind(FunctionProto proto, RegisterWebs webs, int w, RegisterKind[] kinds)
    {
        RegisterKind? kind = null;
        foreach (int pc in webs.Writers(w))
        {
            uint i = proto.Code[pc];
            var k = KindWritten(proto, i) ?? ArithmeticResult(proto, webs, pc, kinds, certain: true) ?? TypedBuiltins.ResultOf(proto, webs, pc, kinds)
                ?? (Op(i) == VmOp.Move && webs.In(pc, B(i)) is var source && source >= 0 && kinds[source] != RegisterKind.Boxed ? kinds[source] : null);
            if (k is null or RegisterKind.Boxed || (kind is not null && kind != k)) return null;
            kind = k;
        }
        return kind;
    }

    /// <summary>Without feedback: the kind the writers whose kind is known agree on (a move, or x * 3 whose x is the
    /// web itself, agrees with anything). A wrong guess costs one deoptimisation.</summary>
    private static RegisterKind GuessedKind(FunctionProto proto, RegisterWebs webs, int w, RegisterKind[] kinds)
    {
        var kind = RegisterKind.Boxed;
        foreach (int pc in webs.Writers(w))
        {
            if ((KindWritten(proto, proto.Code[pc]) ?? ArithmeticResult(proto, webs, pc, kinds, certain: true)) is not { } k) continue;
            if (k == RegisterKind.Boxed || (kind != RegisterKind.Boxed && kind != k)) return RegisterKind.Boxed;
            kind = k;
        }
        return kind;
    }

    /// <summary>The kind an instruction certainly writes, when its opcode and constants alone say.</summary>
    private static RegisterKind? KindWritten(FunctionProto proto, uint i) => Op(i) switch
    {
        VmOp.LoadI or VmOp.AddI or VmOp.SubI or VmOp.ForPrep or VmOp.ForPrepInc or VmOp.ForLoop => RegisterKind.Int,
        VmOp.LoadK when proto.Constants[Bx(i)].IsInt => RegisterKind.Int,
        VmOp.LoadK when proto.Constants[Bx(i)].IsFloat => RegisterKind.Float,
        VmOp.LoadF => RegisterKind.Float,
        VmOp.AddK or VmOp.SubK or VmOp.MulK or VmOp.DivK when proto.Constants[C(i)].IsFloat => RegisterKind.Float,
        VmOp.LoadTrue or VmOp.LoadFalse or VmOp.Not => RegisterKind.Bool,
        >= VmOp.SetEq and <= VmOp.SetGeK => RegisterKind.Bool,
        >= VmOp.BAnd and <= VmOp.Shr or >= VmOp.BAndK and <= VmOp.ShrK => RegisterKind.Int,
        VmOp.LoadUnit or VmOp.LoadKX or VmOp.ToStr => RegisterKind.Boxed,
        VmOp.LoadK => RegisterKind.Boxed,
        _ => null,
    };

    private static bool IsArithmetic(VmOp op) => op is >= VmOp.Add and <= VmOp.ShrK or VmOp.AddI or VmOp.SubI or VmOp.Unm;

    /// <summary>The kind arithmetic yields from operands whose kinds are known: a float operand makes a float
    /// (the runtime's mixed arithmetic), two ints an int (or an error, which the interpreter raises).
    /// <paramref name="certain"/>: also + - * / with one float operand and the other unknown, which yields a float
    /// or raises (compiled code then takes the boxed path and guards the result).</summary>
    private static RegisterKind? ArithmeticResult(FunctionProto proto, RegisterWebs webs, int pc, RegisterKind[] kinds, bool certain = false)
    {
        uint i = proto.Code[pc];
        var op = Op(i);
        RegisterKind Of(int r) => webs.In(pc, r) is var w && w >= 0 ? kinds[w] : RegisterKind.Boxed;
        static RegisterKind OfConstant(Value v) => v.IsInt ? RegisterKind.Int : v.IsFloat ? RegisterKind.Float : RegisterKind.Boxed;
        (RegisterKind x, RegisterKind y) = op switch
        {
            VmOp.Add or VmOp.Sub or VmOp.Mul or VmOp.Div or VmOp.Mod => (Of(B(i)), Of(C(i))),
            VmOp.AddK or VmOp.SubK or VmOp.MulK or VmOp.DivK or VmOp.ModK => (Of(B(i)), OfConstant(proto.Constants[C(i)])),
            VmOp.AddI or VmOp.SubI => (Of(B(i)), RegisterKind.Int),
            VmOp.Unm => (Of(B(i)), Of(B(i))),
            _ => (RegisterKind.Boxed, RegisterKind.Boxed),
        };
        if (certain && op is VmOp.Add or VmOp.Sub or VmOp.Mul or VmOp.Div or VmOp.AddK or VmOp.SubK or VmOp.MulK or VmOp.DivK
            && (x == RegisterKind.Float || y == RegisterKind.Float))
            return RegisterKind.Float;
        if (x is not (RegisterKind.Int or RegisterKind.Float) || y is not (RegisterKind.Int or RegisterKind.Float)) return null;
        return x == RegisterKind.Float || y == RegisterKind.Float ? RegisterKind.Float : RegisterKind.Int;
    }

    /// <summary>Whether the instruction at <paramref name="pc"/> may write web <paramref name="w"/> as the web's kind
    /// (guarded where not certain). <paramref name="profiled"/>: the interpreter saw only that kind there, so any
    /// instruction whose result compiled code stores through a guard may write it.</summary>
    private static bool MayYield(FunctionProto proto, RegisterWebs webs, int pc, int w, RegisterKind[] kinds, bool profiled)
    {
        uint i = proto.Code[pc];
        var op = Op(i);
        var kind = kinds[w];
        // A counted loop's registers are ints together or not at all (the helpers work on them in the stack).
        if (op is VmOp.ForPrep or VmOp.ForPrepInc or VmOp.ForLoop)
        {
            int a = A(i);
            for (int r = a; r < a + 3; r++)
                if (webs.Out(pc, r) is var o && (o < 0 || kinds[o] != RegisterKind.Int)) return false;
            return webs.In(pc, a) is var start && start >= 0 && kinds[start] == RegisterKind.Int
                && webs.In(pc, a + 1) is var end && end >= 0 && kinds[end] == RegisterKind.Int;
        }
        if (TypedBuiltins.IsTyped(proto, i)) return webs.RegisterOf(w) == A(i) && TypedBuiltins.ResultOf(proto, webs, pc, kinds) == kind;
        if (!StoresThroughGuard(op) || webs.RegisterOf(w) != A(i)) return false;
        if ((KindWritten(proto, i) ?? ArithmeticResult(proto, webs, pc, kinds)) is { } certain && certain != kind) return false;
        if (kind == RegisterKind.Bool && IsArithmetic(op)) return false;
        if (profiled || op == VmOp.Move) return true;
        return kind switch
        {
            RegisterKind.Int => op switch
            {
                VmOp.LoadI or VmOp.AddI or VmOp.SubI or VmOp.Add or VmOp.Sub or VmOp.Mul => true,
                VmOp.LoadK => proto.Constants[Bx(i)].IsInt,
                VmOp.AddK or VmOp.SubK or VmOp.MulK => proto.Constants[C(i)].IsInt,
                >= VmOp.BAnd and <= VmOp.Shr or >= VmOp.BAndK and <= VmOp.ShrK => true,
                _ => false,
            },
            RegisterKind.Float => op switch
            {
                VmOp.LoadF or VmOp.Add or VmOp.Sub or VmOp.Mul or VmOp.Div or VmOp.Unm => true,
                VmOp.LoadK => proto.Constants[Bx(i)].IsFloat,
                VmOp.AddK or VmOp.SubK or VmOp.MulK or VmOp.DivK => proto.Constants[C(i)].IsNumber,
                _ => false,
            },
            RegisterKind.Bool => op is VmOp.LoadTrue or VmOp.LoadFalse or VmOp.Not || op is >= VmOp.SetEq and <= VmOp.SetGeK,
            _ => false,
        };
    }

    /// <summary>Instructions whose result (in R[A]) compiled code stores through <c>Store</c>: a typed register's guard.</summary>
    private static bool StoresThroughGuard(VmOp op) => op switch
    {
        VmOp.Move or VmOp.LoadI or VmOp.LoadF or VmOp.LoadK or VmOp.LoadKX or VmOp.LoadFalse or VmOp.LoadTrue or VmOp.LoadUnit
            or VmOp.GetUpval or VmOp.GetCapt or VmOp.GetGlobal or VmOp.AddI or VmOp.SubI or VmOp.Unm or VmOp.Not
            or VmOp.GetIndex or VmOp.GetField or VmOp.GetTuple or VmOp.GetPayload or VmOp.Cast or VmOp.ToStr => true,
        >= VmOp.Add and <= VmOp.Shr => true,
        >= VmOp.AddK and <= VmOp.ShrK => true,
        >= VmOp.SetEq and <= VmOp.SetGeK => true,
        _ => false,
    };

    /// <summary>The error handlers each instruction may raise to: the compiler lays a TRY's body out between the two.</summary>
    internal static List<int>?[] HandlersOf(FunctionProto proto, InstructionFacts[] facts)
    {
        var code = proto.Code;
        var handlers = new List<int>?[code.Length];
        for (int pc = 0; pc < code.Length; pc += Math.Max(1, facts[pc].Length))
            if (Op(code[pc]) == VmOp.Try)
                for (int inside = pc + 1; inside < facts[pc].Jump && inside < code.Length; inside++)
                    (handlers[inside] ??= []).Add(facts[pc].Jump);
        return handlers;
    }

    /// <summary>Backward liveness over the code; a call's window and everything above it dies at the call.</summary>
    private static bool[]?[] LiveAtEntries(FunctionProto proto, InstructionFacts[] facts)
    {
        var code = proto.Code;
        int n = proto.MaxStack;
        var live = new bool[code.Length][];
        for (int pc = 0; pc < code.Length; pc++) live[pc] = new bool[n];
        var handlers = HandlersOf(proto, facts);
        bool changed = true;
        while (changed)
        {
            changed = false;
            for (int pc = code.Length - 1; pc >= 0; pc--)
            {
                var f = facts[pc];
                if (f.Length == 0) continue; // an EXTRAARG word
                var outSet = new bool[n];
                void From(int succ)
                {
                    if (succ < 0 || succ >= code.Length) return;
                    for (int r = 0; r < n; r++) outSet[r] |= live[succ][r];
                }
                int next = pc + f.Length;
                if (f.FallsThrough) From(next);
                if (f.IsTest) From(next + 1);
                if (f.HasJump) From(f.Jump);
                foreach (int handler in handlers[pc] ?? []) From(handler);
                // A counted loop's and an iterator's registers written on one path are dead on the other
                // (the compiler reads them only inside the loop), so every write kills.
                foreach (var written in new[] { f.Write, f.JumpWrite, f.FallWrite })
                    for (int r = written.First; r < written.End; r++) outSet[r] = false;
                if (f.ClobberFrom >= 0)
                    for (int r = f.ClobberFrom; r < n; r++) outSet[r] = false;
                foreach (var range in f.Reads)
                    for (int r = range.First; r < Math.Min(range.End, n); r++) outSet[r] = true;
                if (!outSet.AsSpan().SequenceEqual(live[pc]))
                {
                    live[pc] = outSet;
                    changed = true;
                }
            }
        }
        return live;
    }
}

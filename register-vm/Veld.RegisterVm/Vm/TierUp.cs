namespace Veld.RegisterVm;

/// <summary>
/// Compiled code of one prototype, entered for the frame at <c>frameIndex</c> (the top frame) at
/// instruction <c>pc</c>. It works on the VM's own register stack and frames, so the interpreter and
/// compiled code can hand a frame back and forth at any instruction. It returns a <see cref="CompiledExit"/>
/// code, or a pc (&gt;= 0) where the interpreter must go on with the frame.
/// </summary>
internal delegate int CompiledFunction(RegisterMachine vm, int frameIndex, int pc, int entryFrame, int handlerFloor);

/// <summary>What compiled code reports to the dispatch loop when it stops without asking for the interpreter.</summary>
internal static class CompiledExit
{
    /// <summary>The frames changed (a call pushed one, a return or tail call replaced or popped one): reload the top frame.</summary>
    public const int Reload = -1;
    /// <summary>The activation's entry frame returned; the value is in <see cref="RegisterMachine.CompiledResult"/>.</summary>
    public const int Returned = -2;
    /// <summary>Not an exit: the instruction finished and the frame goes on with the next one (shared helpers only).</summary>
    public const int Next = -3;
}

/// <summary>
/// A compiling tier's hook in the register VM. The VM reports when a function gets hot (a frame starts,
/// or a loop jumps back); when the count reaches <see cref="Threshold"/> the tier compiles the function,
/// and from then on the VM enters the compiled code instead of interpreting. A null hook is the plain
/// register tier.
/// </summary>
internal abstract class TierUp(int protoCount, int threshold)
{
    /// <summary>Compiled code per proto (by <see cref="FunctionProto.Id"/>); null: interpreted.</summary>
    public readonly CompiledFunction?[] Code = new CompiledFunction?[protoCount];
    private readonly int[] _heat = new int[protoCount];

    /// <summary>Bumped whenever a proto's compiled code is replaced or dropped: direct calls linked against an older
    /// compilation check it and take the general call instead.</summary>
    public readonly int[] Generation = new int[protoCount];

    /// <summary>Calls plus loop back-edges before a function is compiled; 0 compiles before the first instruction.</summary>
    public int Threshold { get; } = threshold;

    /// <summary>What the interpreter saw in each function's registers before compiling it (type feedback).</summary>
    public TypeProfile Profile { get; } = new(protoCount);

    /// <summary>The machine whose frames are sampled into <see cref="Profile"/> (the one this hook belongs to).</summary>
    public RegisterMachine? Machine { get; set; }

    /// <summary>A frame of <paramref name="proto"/> starts: true when it has compiled code to enter. Samples the parameters
    /// (the other registers still hold whatever the stack held).</summary>
    public bool Heat(FunctionProto proto) => Heat(proto, proto.ParamCount);

    /// <summary>A loop of <paramref name="proto"/> jumps back: true when it has compiled code to enter at the loop header.
    /// Samples every register.</summary>
    public bool HeatLoop(FunctionProto proto) => Heat(proto, proto.MaxStack);

    private bool Heat(FunctionProto proto, int sampled)
    {
        int id = proto.Id;
        if (Code[id] is not null) return true;
        // Only while counting (a refused function's heat is negative): the sample costs a pass over the registers.
        if (_heat[id] >= 0 && Machine is { } vm) Profile.Record(proto, vm.TopRegisters(sampled));
        if (++_heat[id] < Threshold) return false;
        // One attempt per function: a refusal (size budget) stays final, so it is never paid for twice.
        _heat[id] = int.MinValue;
        Generation[id]++;
        Code[id] = Compile(proto);
        return Code[id] is not null;
    }

    /// <summary>Let <paramref name="proto"/> be compiled again after its code was dropped (deoptimisation).</summary>
    protected void Invalidate(FunctionProto proto, int heat)
    {
        Code[proto.Id] = null;
        Generation[proto.Id]++;
        _heat[proto.Id] = heat;
    }

    /// <summary>Compiled code of <paramref name="proto"/> gave its frame back to the interpreter at <paramref name="pc"/>
    /// because an assumption failed: <paramref name="assumption"/> names it for the tier (the JIT's live range; -1: none,
    /// a stress test or an error on its way).</summary>
    public abstract void Deoptimized(FunctionProto proto, int pc, int assumption, string reason);

    /// <summary>Whether a stress guard fails now (deterministic for a seed; never without one).</summary>
    public abstract bool StressFails();

    /// <summary>Compiled code for <paramref name="proto"/>, or null to keep interpreting it.</summary>
    protected abstract CompiledFunction? Compile(FunctionProto proto);
}

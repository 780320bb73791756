namespace Veld.RegisterVm;

/// <summary>
/// The register allocator of one function, Lua style: registers form a single stack. Locals take the
/// next register when declared and keep it until their scope ends; temporaries are pushed above and
/// must be freed in stack order. Because block expressions may declare locals in the middle of an
/// expression, a local may sit above a live temporary; the stack discipline still holds because the
/// block's scope ends before that temporary is freed.
/// <para>
/// Every misuse (freeing a register that is not the top temporary, leaving a scope with temporaries
/// still above it, more than <see cref="MaxRegisters"/> registers) throws: the compiler's bugs surface
/// here instead of as wrong code. Exhausting the registers is a user-visible limit and throws
/// <see cref="RegisterLimitException"/>.
/// </para>
/// </summary>
public sealed class RegisterAllocator
{
    /// <summary>Registers 0..254: every register number fits the 8-bit A, B and C fields.</summary>
    public const int MaxRegisters = 255;

    public enum SlotKind : byte { Temp, Local }

    /// <summary>What occupies one register.</summary>
    public readonly record struct Slot(SlotKind Kind, string? Name, int ScopeDepth, long Id);

    private List<Slot> _slots = [];
    private List<int> _scopeStarts = [];
    private long _nextId;

    /// <summary>The first free register (everything below is in use).</summary>
    public int Top => _slots.Count;
    /// <summary>The high-water mark: the frame size the function needs.</summary>
    public int MaxStack { get; private set; }
    /// <summary>Nesting depth of open scopes (0 = the function's outermost scope).</summary>
    public int ScopeDepth => _scopeStarts.Count;
    public IReadOnlyList<Slot> Slots => _slots;

    /// <summary>Register of the innermost live local called <paramref name="name"/> (shadowing: the latest wins), or -1.</summary>
    public int Lookup(string name)
    {
        for (int r = _slots.Count - 1; r >= 0; r--)
            if (_slots[r].Kind == SlotKind.Local && _slots[r].Name == name) return r;
        return -1;
    }

    public bool IsLocal(int register) => register < _slots.Count && _slots[register].Kind == SlotKind.Local;
    public bool IsTemp(int register) => register < _slots.Count && _slots[register].Kind == SlotKind.Temp;

    // ---- temporaries ------------------------------------------------------------------------------

    public int AllocTemp() => Push(SlotKind.Temp, null);

    /// <summary><paramref name="count"/> consecutive temporaries; returns the first (a call window, a list of elements).</summary>
    public int AllocTemps(int count)
    {
        int first = Top;
        for (int i = 0; i < count; i++) Push(SlotKind.Temp, null);
        return first;
    }

    /// <summary>Free the temporary <paramref name="register"/>, which must be the top of the stack and belong to
    /// the current scope (a temporary outlives the scopes opened after it).</summary>
    public void FreeTemp(int register)
    {
        if (register != Top - 1)
            throw new InvalidOperationException($"register allocator: freeing r{register} but the top is r{Top - 1} (temporaries are freed in stack order)");
        if (_slots[register].Kind != SlotKind.Temp)
            throw new InvalidOperationException($"register allocator: r{register} holds local '{_slots[register].Name}', not a temporary");
        if (register < ScopeStart)
            throw new InvalidOperationException($"register allocator: temporary r{register} belongs to an enclosing scope (this one starts at r{ScopeStart})");
        _slots.RemoveAt(register);
    }

    /// <summary>Free every register from <paramref name="register"/> up; all must be temporaries.</summary>
    public void FreeTempsFrom(int register)
    {
        while (Top > register) FreeTemp(Top - 1);
    }

    // ---- locals and scopes --------------------------------------------------------------------------

    /// <summary>Declare a local in the current scope at the top of the stack.</summary>
    public int DeclareLocal(string name) => Push(SlotKind.Local, name);

    /// <summary>Turn the top temporary into a local of the current scope: <c>let x = e</c> evaluates e into a
    /// fresh temporary, which then becomes x without a MOVE.</summary>
    public void PromoteToLocal(int register, string name)
    {
        if (register != Top - 1 || register < 0 || _slots[register].Kind != SlotKind.Temp)
            throw new InvalidOperationException($"register allocator: only the top temporary can become a local (r{register}, top r{Top - 1})");
        if (register < ScopeStart)
            throw new InvalidOperationException($"register allocator: temporary r{register} belongs to an enclosing scope (this one starts at r{ScopeStart})");
        _slots[register] = new Slot(SlotKind.Local, name, ScopeDepth, _slots[register].Id);
    }

    public void EnterScope() => _scopeStarts.Add(Top);

    /// <summary>Leave the innermost scope, freeing exactly its locals; returns their registers, lowest first.
    /// Every temporary above them must have been freed already.</summary>
    public IReadOnlyList<int> ExitScope()
    {
        if (_scopeStarts.Count == 0) throw new InvalidOperationException("register allocator: no scope to exit");
        int start = _scopeStarts[^1];
        if (start > Top)
            throw new InvalidOperationException($"register allocator: scope started at r{start} but the stack is down to r{Top}");
        var freed = start == Top ? [] : new int[Top - start];
        for (int r = start; r < Top; r++)
        {
            if (_slots[r].Kind != SlotKind.Local || _slots[r].ScopeDepth != ScopeDepth)
                throw new InvalidOperationException($"register allocator: leaving a scope with r{r} ({Describe(r)}) still above its locals");
            freed[r - start] = r;
        }
        _slots.RemoveRange(start, Top - start);
        _scopeStarts.RemoveAt(_scopeStarts.Count - 1);
        return freed;
    }

    /// <summary>The register where the innermost scope starts (its first local, if any).</summary>
    public int ScopeStart => _scopeStarts.Count == 0 ? 0 : _scopeStarts[^1];

    /// <summary>Back to the state of a new allocator, keeping the lists' storage for the next function.</summary>
    public void Reset()
    {
        _slots.Clear();
        _scopeStarts.Clear();
        _nextId = 0;
        MaxStack = 0;
    }

    // ---- backtracking -----------------------------------------------------------------------------

    /// <summary>The complete allocation state; <see cref="Restore"/> returns to it exactly.</summary>
    public sealed class Snapshot
    {
        internal Snapshot(Slot[] slots, int[] scopeStarts) { Slots = slots; ScopeStarts = scopeStarts; }
        internal Slot[] Slots { get; }
        internal int[] ScopeStarts { get; }
        public int Top => Slots.Length;
    }

    public Snapshot Save() => new([.. _slots], [.. _scopeStarts]);

    public void Restore(Snapshot snapshot)
    {
        _slots = [.. snapshot.Slots];
        _scopeStarts = [.. snapshot.ScopeStarts];
    }

    /// <summary>True when the state is exactly the snapshot's (same registers, same owners, same scopes).</summary>
    public bool IsAt(Snapshot snapshot) =>
        _slots.SequenceEqual(snapshot.Slots) && _scopeStarts.SequenceEqual(snapshot.ScopeStarts);

    /// <summary>Compiler invariant: code that must leave the allocation as it found it (a branch, an arm) did.</summary>
    public void EnsureAt(Snapshot snapshot, string what)
    {
        if (!IsAt(snapshot))
            throw new InvalidOperationException($"register allocator: {what} left r{snapshot.Top}..r{Top - 1} in a different state than it found them");
    }

    private int Push(SlotKind kind, string? name)
    {
        if (Top >= MaxRegisters) throw new RegisterLimitException(MaxRegisters);
        _slots.Add(new Slot(kind, name, ScopeDepth, _nextId++));
        if (Top > MaxStack) MaxStack = Top;
        return Top - 1;
    }

    private string Describe(int r) => _slots[r].Kind == SlotKind.Temp ? "a temporary" : $"local '{_slots[r].Name}' of an outer scope";
}

/// <summary>A function needs more registers than an instruction can name.</summary>
public sealed class RegisterLimitException(int limit)
    : Exception($"needs more than {limit} registers (too many live locals and temporaries at once)");

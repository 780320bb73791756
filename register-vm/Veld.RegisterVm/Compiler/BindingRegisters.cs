using Veld.Language.Syntax;

namespace Veld.RegisterVm;

/// <summary>
/// The register of each binding a function compiler has placed, found by the number the resolver gave the binding
/// (a local's slot, a global's index) instead of by hashing the object. Slots are reused: a slot's locals live in
/// turn, never at once, but the compiler may place a local before a later one of its slot's is done (<c>let x =
/// { let y = 1; y }</c>: x's register is chosen first, y's slot is x's), so each entry remembers its binding, and
/// an entry a different binding takes over is kept aside, where it is still found.
/// </summary>
internal sealed class BindingRegisters
{
    private Entry[] _locals = new Entry[16];
    private Entry[] _globals = [];
    private int _localsUsed, _globalsUsed;
    /// <summary>Entries another binding of the same number took over; made on first need.</summary>
    private Dictionary<Binding, int>? _displaced;

    private struct Entry
    {
        public Binding? Binding;
        public int Register;
    }

    public void Set(Binding binding, int register)
    {
        ref var entry = ref EntryFor(binding);
        if (entry.Binding is { } other && !ReferenceEquals(other, binding))
            (_displaced ??= new Dictionary<Binding, int>(ReferenceEqualityComparer.Instance))[other] = entry.Register;
        entry.Binding = binding;
        entry.Register = register;
    }

    public bool TryGet(Binding binding, out int register)
    {
        var table = binding.Kind == BindingKind.Local ? _locals : _globals;
        int index = binding.Index;
        if ((uint)index < (uint)table.Length && ReferenceEquals(table[index].Binding, binding))
        {
            register = table[index].Register;
            return true;
        }
        register = -1;
        return _displaced is { } displaced && displaced.TryGetValue(binding, out register);
    }

    /// <summary>Empty again, keeping the storage; no binding stays reachable.</summary>
    public void Clear()
    {
        Array.Clear(_locals, 0, _localsUsed);
        Array.Clear(_globals, 0, _globalsUsed);
        _localsUsed = _globalsUsed = 0;
        _displaced?.Clear();
    }

    private ref Entry EntryFor(Binding binding)
    {
        int index = binding.Index;
        if (index < 0) throw new InvalidOperationException($"register VM compiler: '{binding.Name}' has no slot");
        if (binding.Kind == BindingKind.Local)
        {
            Grow(ref _locals, index);
            _localsUsed = Math.Max(_localsUsed, index + 1);
            return ref _locals[index];
        }
        Grow(ref _globals, index);
        _globalsUsed = Math.Max(_globalsUsed, index + 1);
        return ref _globals[index];
    }

    private static void Grow(ref Entry[] table, int index)
    {
        if (index < table.Length) return;
        Array.Resize(ref table, Math.Max(index + 1, table.Length * 2));
    }
}

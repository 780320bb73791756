using Veld.Runtime;

namespace Veld.RegisterVm;

/// <summary>
/// The inline cache of one field name or method call site constant, per run (the struct and enum types are
/// per run, so the cache is too), shared by the instructions of a function that name that constant: the last
/// type seen at a GETFIELD/SETFIELD with the field's index, or at a METHODCALL with the impl method found.
/// A hit skips the name lookup; a miss does the lookup and refills the entry. Only answers that depend on
/// the type alone are cached (never a field holding a function, never a map key).
/// A METHODCALL that sees several types keeps the others in <see cref="Others"/> (a polymorphic cache),
/// so a call site over a few struct types stops missing once it has seen them all.
/// </summary>
internal struct InlineCache
{
    public VeldType? Type;
    public int Field;
    /// <summary>The impl method (a function object: kept as a reference, the entry stays 32 bytes).</summary>
    public HeapObject? Method;
    public MoreMethods? Others;
}

/// <summary>The impl methods a polymorphic METHODCALL found for types other than its cache's first one.</summary>
internal sealed class MoreMethods
{
    /// <summary>Types kept besides the first: a site that sees more (megamorphic) replaces them in turn.</summary>
    public const int Capacity = 3;

    private readonly VeldType?[] _types = new VeldType?[Capacity];
    private readonly HeapObject[] _methods = new HeapObject[Capacity];
    private int _next;

    public bool TryGet(VeldType type, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out HeapObject? method)
    {
        for (int i = 0; i < Capacity; i++)
        {
            if (ReferenceEquals(_types[i], type))
            {
                method = _methods[i];
                return true;
            }
        }
        method = null;
        return false;
    }

    /// <summary>The methods kept (the JIT's cost model looks at every callee of a polymorphic site).</summary>
    public IEnumerable<HeapObject> Methods => _methods.Where(m => m is not null);

    public void Add(VeldType type, HeapObject method)
    {
        _types[_next] = type;
        _methods[_next] = method;
        _next = (_next + 1) % Capacity;
    }
}

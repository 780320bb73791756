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

/// <summary>The impl methods a polymorphic METHODCALL found for types other than its cache's first one. Three pairs of
/// fields, not arrays: compiled method sites read them inline (<see cref="RegisterMachine.LinkedMethodOf"/>), and a field
/// needs no bounds check.</summary>
internal sealed class MoreMethods
{
    /// <summary>Types kept besides the first: a site that sees more (megamorphic) replaces them in turn.</summary>
    public const int Capacity = 3;

    private VeldType? _type0, _type1, _type2;
    private HeapObject? _method0, _method1, _method2;
    private int _next;

    public bool TryGet(VeldType type, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out HeapObject? method)
    {
        method = Find(type);
        return method is not null;
    }

    /// <summary>The method kept for <paramref name="type"/>, or null.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public HeapObject? Find(VeldType type) =>
        ReferenceEquals(_type0, type) ? _method0 : ReferenceEquals(_type1, type) ? _method1 : ReferenceEquals(_type2, type) ? _method2 : null;

    /// <summary>The methods kept (the JIT's cost model looks at every callee of a polymorphic site).</summary>
    public IEnumerable<HeapObject> Methods => new[] { _method0, _method1, _method2 }.OfType<HeapObject>();

    public void Add(VeldType type, HeapObject method)
    {
        switch (_next)
        {
            case 0: (_type0, _method0) = (type, method); break;
            case 1: (_type1, _method1) = (type, method); break;
            default: (_type2, _method2) = (type, method); break;
        }
        _next = (_next + 1) % Capacity;
    }
}

namespace Veld.Runtime;

/// <summary>
/// How a <see cref="VeldArray"/> keeps its elements. While every element is an int, a float or a bool (all of one
/// kind) the array keeps only their 8-byte payloads in a <c>long[]</c>, with the kind in the array: no 16-byte
/// <c>Value</c> per element, no GC write barrier on a store, no kind test on a load. The first store of another kind
/// moves the array to <see cref="Values"/> for good (V8's "elements kinds" go one way too); an array with no
/// elements takes the kind of the next element it gets.
/// </summary>
public enum ArrayStorage : byte
{
    /// <summary>Each element an int: its payload is the number.</summary>
    Ints,
    /// <summary>Each element a float: its payload is the double's bits.</summary>
    Floats,
    /// <summary>Each element a bool: its payload is 1 or 0.</summary>
    Bools,
    /// <summary>Any values, one <c>Value</c> each.</summary>
    Values,
}

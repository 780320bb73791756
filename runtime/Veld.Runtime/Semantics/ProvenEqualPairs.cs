using System.Runtime.CompilerServices;

namespace Veld.Runtime;

/// <summary>
/// The state of one deep comparison (<see cref="Operators.Equal"/>): which pairs of containers were already
/// proven equal, and how deep below them that proof went. A value built as <c>a = [a, a]</c> sixty times has
/// 61 containers but 2^60 paths; remembering proven pairs makes the comparison linear in the containers
/// (issue 14). Only completed, equal comparisons are remembered, and with their height, so the outcome is
/// exactly that of the unfolded comparison: a NaN inside still makes a value unequal to itself, a cycle
/// still ends in the depth error, and a shared part reached deeper down still counts its full depth.
/// </summary>
internal struct ProvenEqualPairs
{
    /// <summary>Comparisons of this many containers need no memory; past it, pairs are remembered.</summary>
    private const int RememberAfter = 256;

    private int _entered;
    private Dictionary<Pair, int>? _heights;

    /// <summary>The deepest container depth reached by the comparison in progress.</summary>
    public int Deepest;

    /// <summary>Whether (x, y) was proven equal before; if so, <paramref name="height"/> is how many
    /// levels below the pair that proof reached.</summary>
    public bool TryGetProven(HeapObject x, HeapObject y, out int height)
    {
        if (_heights is null)
        {
            if (++_entered >= RememberAfter) _heights = new Dictionary<Pair, int>(PairComparer.Instance);
            height = 0;
            return false;
        }
        return _heights.TryGetValue(new Pair(x, y), out height);
    }

    public readonly void RememberEqual(HeapObject x, HeapObject y, int height) => _heights?.TryAdd(new Pair(x, y), height);

    private readonly record struct Pair(HeapObject X, HeapObject Y);

    /// <summary>Identity of the two objects, never their contents.</summary>
    private sealed class PairComparer : IEqualityComparer<Pair>
    {
        public static readonly PairComparer Instance = new();
        public bool Equals(Pair a, Pair b) => ReferenceEquals(a.X, b.X) && ReferenceEquals(a.Y, b.Y);
        public int GetHashCode(Pair p) => HashCode.Combine(RuntimeHelpers.GetHashCode(p.X), RuntimeHelpers.GetHashCode(p.Y));
    }
}

namespace Veld.Fuzzing.Generation;

/// <summary>
/// The generator's source of randomness: SplitMix64, written out here so that a program is a pure
/// function of its seed on every .NET version (System.Random's seeded sequence is not a contract).
/// </summary>
public sealed class GenRandom(ulong seed)
{
    private ulong _state = seed;

    public ulong NextUInt64()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, n).</summary>
    public int Below(int n)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n), n, "must be positive");
        return (int)(NextUInt64() % (ulong)n);
    }

    /// <summary>Uniform in [lo, hi], both inclusive.</summary>
    public int Range(int lo, int hi) => lo + Below(hi - lo + 1);

    /// <summary>True with probability <paramref name="percent"/>/100.</summary>
    public bool Percent(int percent) => Below(100) < percent;

    public T Pick<T>(IReadOnlyList<T> items) => items[Below(items.Count)];

    public void Shuffle<T>(IList<T> items)
    {
        for (int i = items.Count - 1; i > 0; i--)
        {
            int j = Below(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>Mixes a run seed and a program index into the seed of that program, so program i of a
    /// run can be regenerated alone.</summary>
    public static ulong Mix(ulong seed, long index)
    {
        var r = new GenRandom(seed ^ ((ulong)index * 0xD1B54A32D192ED03UL));
        r.NextUInt64();
        return r.NextUInt64();
    }
}

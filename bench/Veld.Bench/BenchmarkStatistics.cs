namespace Veld.Bench;

/// <summary>
/// The few statistics a benchmark report needs. Medians rather than means, because run times have a
/// long right tail (a GC, another process); the geometric mean to summarise ratios across programs,
/// because it is the only mean for which "A is 2x B" and "B is 0.5x A" agree (Fleming and Wallace, 1986).
/// </summary>
public static class BenchmarkStatistics
{
    /// <summary>The middle value; for an even count, the mean of the two middle values.</summary>
    public static double Median(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0) throw new ArgumentException("the median of no values is undefined", nameof(values));
        var sorted = values.Order().ToArray();
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>The n-th root of the product, computed through logarithms so that it cannot overflow.
    /// Every value must be positive and finite.</summary>
    public static double GeometricMean(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0) throw new ArgumentException("the geometric mean of no values is undefined", nameof(values));
        double logSum = 0;
        foreach (var v in values)
        {
            if (!(v > 0) || double.IsInfinity(v))
                throw new ArgumentOutOfRangeException(nameof(values), v, "the geometric mean needs positive finite values");
            logSum += Math.Log(v);
        }
        return Math.Exp(logSum / values.Count);
    }

    /// <summary>How many times faster the measured tier is than the reference: reference time over
    /// measured time (2.0 = twice as fast, 0.5 = half as fast). Null when either time is not positive.</summary>
    public static double? Speedup(double referenceMs, double measuredMs) =>
        referenceMs > 0 && measuredMs > 0 ? referenceMs / measuredMs : null;

    /// <summary>The median of whole numbers (allocated bytes, instruction counts), rounded to the nearest.</summary>
    public static long? Median(IReadOnlyCollection<long?> values)
    {
        var known = values.Where(v => v.HasValue).Select(v => (double)v!.Value).ToArray();
        return known.Length == 0 ? null : (long)Math.Round(Median(known), MidpointRounding.AwayFromZero);
    }
}

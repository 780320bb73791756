using FsCheck;
using FsCheck.Fluent;
using Veld.Bench;
using Xunit.Abstractions;

namespace Veld.Bench.Tests;

public class StatisticsTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(new[] { 5.0 }, 5.0)]
    [InlineData(new[] { 3.0, 1.0, 2.0 }, 2.0)]
    [InlineData(new[] { 4.0, 1.0, 3.0, 2.0 }, 2.5)]
    [InlineData(new[] { 10.0, 10.0, 1000.0 }, 10.0)]
    public void Median_is_the_middle_value_or_the_mean_of_the_two_middle_values(double[] values, double expected)
    {
        Assert.Equal(expected, BenchmarkStatistics.Median(values));
    }

    [Fact]
    public void Median_of_nothing_is_an_error()
    {
        Assert.Throws<ArgumentException>(() => BenchmarkStatistics.Median(Array.Empty<double>()));
    }

    [Fact]
    public void Median_of_whole_numbers_ignores_missing_values_and_rounds()
    {
        Assert.Equal(15L, BenchmarkStatistics.Median(new long?[] { 10, null, 20 }));
        Assert.Null(BenchmarkStatistics.Median(new long?[] { null, null }));
    }

    [Theory]
    [InlineData(new[] { 2.0, 8.0 }, 4.0)]
    [InlineData(new[] { 1.0, 1.0, 1.0 }, 1.0)]
    [InlineData(new[] { 0.5, 2.0 }, 1.0)]
    [InlineData(new[] { 1.0, 10.0, 100.0 }, 10.0)]
    public void Geometric_mean_is_the_nth_root_of_the_product(double[] values, double expected)
    {
        Assert.Equal(expected, BenchmarkStatistics.GeometricMean(values), precision: 12);
    }

    [Theory]
    [InlineData(new[] { 1.0, 0.0 })]
    [InlineData(new[] { -2.0 })]
    [InlineData(new[] { double.NaN })]
    [InlineData(new[] { double.PositiveInfinity })]
    public void Geometric_mean_rejects_values_that_are_not_positive_and_finite(double[] values)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BenchmarkStatistics.GeometricMean(values));
    }

    [Fact]
    public void Geometric_mean_does_not_overflow_where_the_product_would()
    {
        var mean = BenchmarkStatistics.GeometricMean([1e200, 1e200, 1e200]); // the product is infinite in doubles
        Assert.InRange(mean / 1e200, 1 - 1e-12, 1 + 1e-12);
    }

    [Theory]
    [InlineData(100.0, 50.0, 2.0)]
    [InlineData(50.0, 100.0, 0.5)]
    [InlineData(7.0, 7.0, 1.0)]
    public void Speedup_is_reference_time_over_measured_time(double reference, double measured, double expected)
    {
        Assert.Equal(expected, BenchmarkStatistics.Speedup(reference, measured));
    }

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(1.0, 0.0)]
    [InlineData(-1.0, 1.0)]
    public void Speedup_of_a_time_that_is_not_positive_is_unknown(double reference, double measured)
    {
        Assert.Null(BenchmarkStatistics.Speedup(reference, measured));
    }

    private static Arbitrary<double[]> PositiveTimes() =>
        Gen.Choose(1, 1_000_000).Select(n => n / 1000.0).ArrayOf().Where(a => a.Length > 0).ToArbitrary();

    [Fact]
    public void Geometric_mean_lies_between_the_smallest_and_largest_value()
    {
        PropertyRunner.Check(output, "geomean bounded", Prop.ForAll(PositiveTimes(), values =>
        {
            var g = BenchmarkStatistics.GeometricMean(values);
            return g >= values.Min() * (1 - 1e-12) && g <= values.Max() * (1 + 1e-12);
        }), maxTest: 500);
    }

    /// <summary>The property that makes it the right mean for ratios: the mean of the inverses is the inverse
    /// of the mean, so "A over B" and "B over A" summarise consistently.</summary>
    [Fact]
    public void Geometric_mean_of_inverses_is_the_inverse_of_the_geometric_mean()
    {
        PropertyRunner.Check(output, "geomean inverse", Prop.ForAll(PositiveTimes(), values =>
        {
            var g = BenchmarkStatistics.GeometricMean(values);
            var inverse = BenchmarkStatistics.GeometricMean(values.Select(v => 1 / v).ToArray());
            return Math.Abs(g * inverse - 1) < 1e-9;
        }), maxTest: 500);
    }

    [Fact]
    public void Median_does_not_depend_on_order_and_has_as_many_values_on_each_side()
    {
        PropertyRunner.Check(output, "median", Prop.ForAll(PositiveTimes(), values =>
        {
            var m = BenchmarkStatistics.Median(values);
            var reversed = BenchmarkStatistics.Median(values.Reverse().ToArray());
            int below = values.Count(v => v < m), above = values.Count(v => v > m);
            return m == reversed && below <= values.Length / 2 && above <= values.Length / 2;
        }), maxTest: 500);
    }
}

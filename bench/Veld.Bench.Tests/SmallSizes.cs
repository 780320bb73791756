using Veld.Differential;

namespace Veld.Bench.Tests;

/// <summary>
/// A small size for each benchmark program and the line it must print at that size. The values are the
/// published ones (Are We Fast Yet?: Bounce 1331, List 10, Permute 8660, Queens true, Sieve 669, Storage 5461,
/// Towers 8191, Richards 2322/928 for 1000 idle runs, Mandelbrot, NBody) or worked out by hand:
/// fib(15) = 610; closures(1000): total 1000^2, counter 1001, map/reduce 10*4950 + 100*(0+1+...+9) = 54000;
/// dispatch: one pass over the hundred shapes is 5900; strings(100): 10*1 + 90*2 digits + 100 ';' + 6 newlines.
/// </summary>
internal static class SmallSizes
{
    public static readonly IReadOnlyDictionary<string, (string Size, string Line)> Expected = new Dictionary<string, (string, string)>
    {
        ["bounce"] = ("1", "bounce x1: 1331 bounces"),
        ["closures"] = ("1000", "closures(1000): 1000000 1001 54000"),
        ["deltablue"] = ("30", "deltablue(30): chain and projection tests passed"),
        ["dispatch"] = ("10", "dispatch(10): total area 59000"),
        ["fib"] = ("15", "fib(15) = 610"),
        ["list"] = ("1", "list x1: length 10"),
        ["mandelbrot"] = ("1", "mandelbrot(1) = 128"),
        ["nbody"] = ("1", "nbody(1) = -0.16907495402506745"),
        ["permute"] = ("1", "permute x1: 8660 calls"),
        ["queens"] = ("1", "queens x1: solved true"),
        ["richards"] = ("1000", "richards(1000): 2322 queued, 928 held"),
        ["sieve"] = ("1", "sieve x1: 669 primes"),
        ["storage"] = ("1", "storage x1: 5461 nodes"),
        ["strings"] = ("100", "strings(100): 296 chars in 7 lines"),
        ["towers"] = ("1", "towers x1: 8191 moves"),
    };

    public static IEnumerable<object[]> Names => Expected.Keys.Order().Select(n => new object[] { n });
}

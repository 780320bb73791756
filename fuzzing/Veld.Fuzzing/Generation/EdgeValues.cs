namespace Veld.Fuzzing.Generation;

/// <summary>
/// Values where arithmetic, comparison and instruction encodings change behaviour, as Veld source text.
/// Ints: the 64-bit limits (overflow of <c>+ - * /</c>, negation and <c>abs</c>; <c>MIN % -1</c> is 0),
/// 2^53 +- 1 (where a float can no longer hold every int, so int/float comparison must be exact), and the
/// ends of the register VM's immediate fields: sB/sC span -127..128, sBx (LOADI) -65535..65536, so each
/// limit appears with its neighbours. Floats: +-0.0, NaN, +-inf, the smallest subnormal, 2^53 and 2^63.
/// NaN and inf have no literal, so they are parsed from strings at run time.
/// </summary>
internal static class EdgeValues
{
    public const string MaxInt = "9223372036854775807";
    public const string MinInt = "(-9223372036854775807 - 1)";

    public static readonly string[] Ints =
    [
        MaxInt, MinInt, "-9223372036854775807", "0", "1", "-1", "2", "-2",
        "127", "128", "129", "-126", "-127", "-128", "-129", "255", "256",
        "65535", "65536", "65537", "-65535", "-65536", "-65537",
        "9007199254740992", "9007199254740993", "-9007199254740993",
        "2147483647", "-2147483648", "4294967296", "3037000499", "3037000500",
    ];

    public static readonly string[] Floats =
    [
        "0.0", "-0.0", "\"nan\".to_float()", "\"inf\".to_float()", "\"-inf\".to_float()",
        "9007199254740992.0", "9223372036854775808.0", "-9223372036854775808.0",
        "1e308", "5e-324", "0.5", "-1.5", "128.0", "-127.5",
    ];

    /// <summary>Immediates an operator may be written with: the ends of sB/sC and sBx and one past them.</summary>
    public static readonly string[] Immediates =
    [
        "0", "1", "-1", "127", "128", "129", "-126", "-127", "-128", "-129", "255", "256",
        "65536", "65537", "-65535", "-65536", "0.5", "-0.0", "1e308",
    ];

    /// <summary>Pairs that the pools alone would rarely line up: exact int/float comparison at 2^53 and 2^63,
    /// <c>MIN / -1</c>, and signed zeros.</summary>
    public static readonly (string A, string B)[] Pairs =
    [
        ("9007199254740993", "9007199254740992.0"),
        ("9007199254740992.0", "9007199254740993"),
        (MaxInt, "9223372036854775808.0"),
        (MinInt, "-9223372036854775808.0"),
        (MinInt, "-1"),
        ("-0.0", "0.0"),
        ("0", "-0.0"),
        ("\"nan\".to_float()", "\"nan\".to_float()"),
    ];
}

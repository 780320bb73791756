using Veld.Language.Syntax;

namespace Veld.RegisterVm.Tests;

/// <summary>The casts of strings to numbers <see cref="CertainErrors"/> answers without running the parse (an
/// exception at compile time costs more than compiling a small program): "raises" only where the runtime's parse
/// raises; exactly the runtime's answer for ints; and the malformed strings of the corpus's cast tests recognised.</summary>
public class CertainParseErrorsTests
{
    private static readonly string[] Texts =
    [
        "", "+", "-", "7", "+7", "-7", "007", " 7", "7 ", "7_0", "0x10", "seven", "2.5", ".5", "1.", "1e3", "1e", "1e+",
        "1e-3", "-1E5", "e5", ".", "inf", "-inf", "+inf", "nan", "-nan", "Infinity", "NaN", "1e400", "1..2", "--1", "1-",
        "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809", "99999999999999999999",
        "١٢", "true",
    ];

    [Fact]
    public void AStringCastToIntRaisesExactlyWhenTheParseDoes()
    {
        foreach (var text in Texts)
            Assert.True(Raises(text, CastTarget.Int) == CertainErrors.OfCast(Value.FromString(text), CastTarget.Int), $"\"{text}\" as int");
    }

    [Fact]
    public void AStringCastToFloatIsSaidToRaiseOnlyWhenTheParseDoes()
    {
        foreach (var text in Texts)
            if (CertainErrors.OfCast(Value.FromString(text), CastTarget.Float))
                Assert.True(Raises(text, CastTarget.Float), $"\"{text}\" as float");
    }

    [Theory]
    [InlineData("seven", CastTarget.Int)]
    [InlineData("9223372036854775808", CastTarget.Int)]
    [InlineData("2.5", CastTarget.Int)]
    [InlineData("", CastTarget.Float)]
    [InlineData("abc", CastTarget.Float)]
    [InlineData(" 1.5", CastTarget.Float)]
    public void TheCorpusMalformedNumbersAreCertainErrors(string text, CastTarget target) =>
        Assert.True(CertainErrors.OfCast(Value.FromString(text), target));

    private static bool Raises(string text, CastTarget target) =>
        CertainErrorsTests.Raises(() => Operators.Cast(Value.FromString(text), target, target.ToString()));
}

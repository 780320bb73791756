using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Veld.Language.Lexing;

namespace Veld.Language.Tests;

/// <summary>
/// The front end never throws, never hangs, and on success hands out a well-formed tree, whatever
/// the input: random text, random bytes, and valid programs with tokens inserted, deleted or swapped.
/// </summary>
public class RobustnessPropertyTests
{
    /// <summary>Compiles and checks the outcome is either a clean program or real diagnostics.</summary>
    private static void CompilesCleanlyOrDiagnoses(Source source)
    {
        var result = VeldCompiler.Compile(source);
        if (result.Success)
        {
            Assert.Empty(result.Diagnostics);
            TreeInvariants.Verify(result.Program!);
            return;
        }
        Assert.NotEmpty(result.Diagnostics);
        Assert.True(result.Diagnostics.Count <= LanguageLimits.MaxDiagnostics);
        int lines = source.Text.Count(c => c == '\n') + 1;
        foreach (var d in result.Diagnostics)
        {
            Assert.DoesNotContain("internal compiler error", d.Message);
            Assert.InRange(d.Pos.Line, 1, lines);
            Assert.True(d.Pos.Column >= 1);
            _ = d.Render(source); // rendering never throws either
        }
    }

    // Pieces random text is made of: Veld's tokens, the starts of tricky lexemes, and odd characters.
    private static readonly string[] Pieces =
    [
        " ", " ", " ", "\n", "\n", "\t", "\r\n", "x", "y", "foo", "_", "self", "1", "0x", "0b1", "42", "1.5", "2e10", "9223372036854775808",
        "\"", "\"s\"", "'", "'c'", "\\", "\\n", "\\u{", "}", "{", "#", "#[[", "]]", "(", ")", "[", "]", ",", ":", ";", ".", "..", "..=",
        "=", "==", "=>", "->", "|>", "|", "+", "-", "*", "*^", "/", "%", "&", "^", "!", "!=", "<", ">", "<=", ">=", "<<", ">>", "~",
        "+=", "fn", "proc", "let", "mut", "var", "const", "if", "then", "else", "while", "for", "in", "do", "end", "return", "break",
        "continue", "match", "where", "struct", "enum", "impl", "true", "and", "or", "as", "import", "pub", "try", "catch", "throw",
        "println~(\"{", "format~(", "assert~(", "é", "😀", "\uD800", "\u0000", "$", "@",
    ];

    [Fact]
    public void Random_text_never_crashes_the_front_end()
    {
        var text = Gen.ListOf(Gen.Elements(Pieces)).Select(pieces => string.Concat(pieces));
        PropertyRunner.Check("random text", text.ToArbitrary(), code => CompilesCleanlyOrDiagnoses(V.Src(code)), maxTest: 500);
    }

    [Fact]
    public void Random_bytes_never_crash_the_front_end()
    {
        var bytes = Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b));
        PropertyRunner.Check("random bytes", bytes.ToArbitrary(), data => CompilesCleanlyOrDiagnoses(Source.FromBytes("random.veld", data)), maxTest: 300);
    }

    [Fact]
    public void Mutated_valid_programs_never_crash_the_front_end()
    {
        var mutation = Gen.Choose(0, 3).SelectMany(kind => Gen.Choose(0, 10_000).SelectMany(at => Gen.Choose(0, 10_000)
            .SelectMany(other => Gen.Choose(0, MutationTokens.Length - 1).Select(token => new Mutation(kind, at, other, token)))));
        // Seeds: the sample programs and every corpus program.
        var seeds = SamplePrograms.All.Concat(CorpusFrontEndTests.ProgramPaths().Select(p => File.ReadAllText(CorpusFrontEndTests.PathOf(p)))).ToArray();
        var cases = Gen.Choose(0, seeds.Length - 1).SelectMany(program =>
            Gen.ListOf(mutation).Select(mutations => (program, mutations.ToArray())));
        PropertyRunner.Check("mutated programs", cases.ToArbitrary(), c =>
            CompilesCleanlyOrDiagnoses(V.Src(Mutate(seeds[c.program], c.Item2))), maxTest: 500);
    }

    [Fact]
    public void The_sample_programs_themselves_compile()
    {
        foreach (var program in SamplePrograms.All)
            TreeInvariants.Verify(V.Ok(program));
    }

    private sealed record Mutation(int Kind, int At, int Other, int Token);

    private static readonly string[] MutationTokens = Pieces.Concat(["(", ")", "end", "do", "=>", ",", "\n"]).ToArray();

    /// <summary>Applies token-level edits, keeping each token's original leading whitespace.</summary>
    private static string Mutate(string program, Mutation[] mutations)
    {
        var tokens = TokensWithGaps(program);
        foreach (var m in mutations)
        {
            if (tokens.Count == 0) tokens.Add(("", "x"));
            int at = m.At % tokens.Count;
            int other = m.Other % tokens.Count;
            switch (m.Kind)
            {
                case 0: tokens.Insert(at, (" ", MutationTokens[m.Token])); break;
                case 1: tokens.RemoveAt(at); break;
                case 2: (tokens[at], tokens[other]) = ((tokens[at].Gap, tokens[other].Text), (tokens[other].Gap, tokens[at].Text)); break;
                default: tokens.InsertRange(at, tokens.GetRange(Math.Min(at, other), Math.Min(Math.Abs(at - other), 8))); break;
            }
        }
        var sb = new StringBuilder();
        foreach (var (gap, text) in tokens) sb.Append(gap).Append(text);
        return sb.ToString();
    }

    private static List<(string Gap, string Text)> TokensWithGaps(string program)
    {
        var result = new List<(string, string)>();
        int previousEnd = 0;
        foreach (var token in Lexer.Tokenize(V.Src(program), new DiagnosticBag()))
        {
            if (token.Kind == TokenKind.EndOfFile) break;
            result.Add((program[previousEnd..token.Start], program[token.Start..token.End]));
            previousEnd = token.End;
        }
        return result;
    }
}

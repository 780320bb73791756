using Veld.Language;

namespace Veld.StackVm.Tests;

/// <summary>Every chunk the compiler emits for the corpus passes <see cref="CodeVerifier"/>.</summary>
public class VerifierTests
{
    /// <summary>The stack chunks of a corpus program (none for a program the front end rejects).</summary>
    private static IEnumerable<Chunk> ChunksOf(string program)
    {
        var path = Path.Combine(Veld.RepositoryRoot(), "corpus", program);
        var compiled = VeldCompiler.Compile(new Source(program, File.ReadAllText(path)));
        return compiled.Success ? StackVmTier.CompileProgram(compiled.Program!).AllChunks() : [];
    }

    [Theory]
    [MemberData(nameof(CorpusDifferentialTests.CorpusPrograms), MemberType = typeof(CorpusDifferentialTests))]
    public void Corpus_code_is_consistent(string program)
    {
        foreach (var chunk in ChunksOf(program)) CodeVerifier.Verify(chunk);
    }

    /// <summary>Frames are no bigger than the code needs: where every instruction is reachable, the compiler's
    /// high-water mark is the verifier's exactly. (A stack effect counted too high anywhere would only waste frame
    /// space, so the run-time checks cannot see it; this can.)</summary>
    [Theory]
    [MemberData(nameof(CorpusDifferentialTests.CorpusPrograms), MemberType = typeof(CorpusDifferentialTests))]
    public void Corpus_frames_are_exactly_as_deep_as_the_code(string program)
    {
        foreach (var chunk in ChunksOf(program))
        {
            var (reached, hasUnreachableCode) = CodeVerifier.Verify(chunk);
            if (!hasUnreachableCode) Assert.True(reached == chunk.MaxStack, $"{chunk.Name}: MaxStack is {chunk.MaxStack}, the code reaches {reached}");
        }
    }

    [Fact]
    public void The_verifier_rejects_a_wrong_high_water_mark()
    {
        var chunk = Veld.Compile("let a = [1, 2, 3]\na").Script;
        var wrong = new Chunk
        {
            Name = chunk.Name, Line = chunk.Line, Arity = chunk.Arity, HasSelf = false, LocalCount = chunk.LocalCount,
            MaxStack = chunk.MaxStack - 1, Code = chunk.Code, Constants = chunk.Constants, Lines = chunk.Lines,
            Functions = chunk.Functions, Upvalues = chunk.Upvalues, Shapes = chunk.Shapes, LocalNames = chunk.LocalNames,
        };
        CodeVerifier.Verify(chunk);
        Assert.Throws<InvalidOperationException>(() => CodeVerifier.Verify(wrong));
    }
}

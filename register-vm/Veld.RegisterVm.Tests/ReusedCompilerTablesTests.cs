using Veld.Language;
using Veld.Language.Syntax;

namespace Veld.RegisterVm.Tests;

/// <summary>
/// The function compiler keeps its tables (code, constants, registers, scopes ...) for the next function compiled
/// on the same thread. Whatever was compiled before on a thread, a program must compile to exactly what a thread
/// that never compiled anything gives: the whole compiled file (code, constants, lines, locals, upvalues) compared.
/// </summary>
public class ReusedCompilerTablesTests
{
    [Fact]
    public void EveryCorpusProgramCompiledAfterTheOthersIsWhatAFreshThreadCompiles()
    {
        var programs = CorpusPrograms();
        Assert.NotEmpty(programs);
        var fresh = programs.Select(p => OnFreshThread(() => Compiled(p))).ToList();

        // Forward and then backward, so each program follows a different one the second time.
        for (int i = 0; i < programs.Count; i++)
            Assert.True(fresh[i].SequenceEqual(Compiled(programs[i])), $"corpus program {i} after program {i - 1}");
        for (int i = programs.Count - 1; i >= 0; i--)
            Assert.True(fresh[i].SequenceEqual(Compiled(programs[i])), $"corpus program {i} after program {i + 1}");
    }

    [Fact]
    public void AProgramCompiledAfterACompileThatFailedHalfwayIsWhatAFreshThreadCompiles()
    {
        // big needs more registers than an instruction can name: its compile stops in the middle of a call,
        // with arguments, registers and constants of its own and of the script in the tables.
        string tooBig = "fn h(x)\n    x\nend\nlet k = \"k\"\nfn big()\n    println(\"s\", 1.5, "
            + string.Join(", ", Enumerable.Range(0, 300).Select(i => $"h({i})")) + ")\nend\nbig()\n";
        string program = "fn h(x)\n    let (a, b) = (x, \"b\")\n    for i in 0..3 do\n        println(a + i, b)\n    end\n    () => a\nend\n"
            + "println(h(2)())\n";
        var expected = OnFreshThread(() => Compiled(Check(program)));

        var actual = OnFreshThread(() =>
        {
            Assert.Throws<TierUnsupportedException>(() => ProgramCompiler.Compile(Check(tooBig)));
            return Compiled(Check(program));
        });

        Assert.Equal(expected, actual);
    }

    private static byte[] Compiled(CheckedProgram program) => VeldcWriter.Write(ProgramCompiler.Compile(program));

    private static T OnFreshThread<T>(Func<T> compile)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try { result = compile(); }
            catch (Exception e) { failure = e; }
        });
        thread.Start();
        thread.Join();
        if (failure is not null) throw new InvalidOperationException("compile on a fresh thread failed", failure);
        return result;
    }

    private static List<CheckedProgram> CorpusPrograms()
    {
        var programs = new List<CheckedProgram>();
        foreach (var row in CorpusFiles.All())
        {
            var file = (string)row[0];
            var result = VeldCompiler.Compile(new Source(file, CorpusFiles.Read(file)));
            if (!result.Success) continue;
            try
            {
                ProgramCompiler.Compile(result.Program!);
                programs.Add(result.Program!);
            }
            catch (TierUnsupportedException)
            {
                // not a register-tier program
            }
        }
        return programs;
    }

    private static CheckedProgram Check(string source) => TestSupport.Check(source);
}

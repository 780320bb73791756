using Veld.Fuzzing.Generation;
using Veld.Fuzzing.Reduction;
using Veld.Language;
using Veld.Runtime;

namespace Veld.Fuzzing.Tests;

public class ReducerTests
{
    private static Func<string, bool> KeepsError(string kind) =>
        Interestingness.RaisesError([TestSupport.Tree], kind, TestSupport.Limits);

    /// <summary>About sixty lines; the only division by zero happens three calls deep, in the third
    /// iteration of a loop, on a value that a struct method computes.</summary>
    private const string DeepDivisionByZero = """
        struct Account
            owner: str,
            balance: i64,
            history: [i64]
        end
        impl Account
            fn new(owner) => Account(owner: owner, balance: 100, history: [100])
            fn deposit(self, amount)
                self.balance = self.balance + amount
                self.history.push(self.balance)
            end
            fn spread(self) => self.history.len() - 3
        end
        enum Event
            Deposit(i64),
            Report,
            Close
        end
        fn describe(e) => match e
            Event.Deposit(n) where n > 50 => "big deposit",
            Event.Deposit(n) => "deposit",
            Event.Report => "report",
            _ => "other"
        end
        fn ratio(total, parts) => total / parts
        fn average(acc) => ratio(acc.balance, acc.spread())
        fn summarize(acc, label)
            let text = format~("{}: {}", label, acc.balance)
            println(text)
            average(acc)
        end
        let events = [Event.Deposit(10), Event.Report, Event.Deposit(70), Event.Close]
        for e in events do
            println(describe(e))
        end
        let acc = Account.new("ada")
        var total = 0
        var i = 0
        while i < 5 do
            i += 1
            acc.deposit(i * 10)
            total += i
            if i >= 2 then
                println(summarize(acc, "step"))
            end
        end
        let names = ["x", "y", "z"].map(s => s.to_upper())
        println(names.join("-"), total)
        let table = {a: 1, b: 2}
        for (k, v) in table do
            println~("{} -> {}", k, v)
        end
        fn fact(n) => if n < 2 then 1 else n * fact(n - 1) end
        println(fact(10))
        let doubled = [1, 2, 3].map(x => x * 2).filter(x => x > 2)
        println(doubled)
        println(acc.balance, acc.history.len())
        total
        """;

    [Fact]
    public void ADeepDivisionByZeroReducesToAFewLines()
    {
        Assert.InRange(Reducer.CountLines(DeepDivisionByZero), 55, 70);
        var before = TestSupport.RunOnTree(DeepDivisionByZero);
        Assert.Equal("DivisionByZero", before.Error?.Kind);

        var result = Reducer.Reduce(DeepDivisionByZero, KeepsError("DivisionByZero"));

        Assert.True(result.OriginalWasInteresting);
        Assert.True(result.LinesAfter <= 5, $"{result.Summary}\n{result.Source}");
        Assert.Equal("DivisionByZero", TestSupport.RunOnTree(result.Source).Error?.Kind);
    }

    [Fact]
    public void ReducedProgramsStayInterestingAndNeverGrow()
    {
        var generator = FsCheck.Fluent.Gen.Select(FsCheck.Fluent.Gen.Choose(0, int.MaxValue),
            seed => ProgramGenerator.Generate((ulong)seed, GeneratorOptions.ForSize(15) with { DeliberateErrorPercent = 100 }));
        PropertyRunner.Check("reduction keeps the error and shrinks", generator, p =>
        {
            var kind = p.PlantedError!;
            var interesting = KeepsError(kind);
            if (!interesting(p.Source)) return; // an earlier accidental error ends the program first
            var result = Reducer.Reduce(p.Source, interesting, new ReducerOptions { MaxTests = 400 });
            Assert.True(interesting(result.Source), $"seed {p.Seed}: the reduced program lost the {kind} error\n{result.Source}");
            Assert.True(VeldCompiler.Compile(new Source("r.veld", result.Source)).Success, $"seed {p.Seed}: reduced program does not compile");
            Assert.True(result.LinesAfter <= result.LinesBefore, result.Summary);
            Assert.True(result.Source.Length <= p.Source.Length || result.LinesAfter < result.LinesBefore, result.Summary);
        }, maxTest: 12);
    }

    [Fact]
    public void AnUninterestingProgramComesBackUnchanged()
    {
        const string source = "println(1)\nprintln(2)\n";
        var result = Reducer.Reduce(source, KeepsError("Index"));
        Assert.False(result.OriginalWasInteresting);
        Assert.Equal(source, result.Source);
    }

    [Fact]
    public void ChunkedDeletionRemovesManyIndependentStatements()
    {
        var lines = Enumerable.Range(0, 40).Select(i => $"println({i})").ToList();
        lines.Insert(27, "let boom = [1, 2][5]");
        var source = string.Join("\n", lines) + "\n";
        var result = Reducer.Reduce(source, KeepsError("Index"));
        Assert.Equal(1, result.LinesAfter);
        Assert.Equal("Index", TestSupport.RunOnTree(result.Source).Error?.Kind);
        // ddmin removes halves at a time: far fewer tests than one per statement pair.
        Assert.True(result.Tests < 120, result.Summary);
    }

    [Fact]
    public void UnusedParametersAndTheirArgumentsAreDropped()
    {
        const string source = """
            fn pick(a, b, c, d) => [1, 2, 3][b]
            println(pick(10, 7, "x", [true]))
            """;
        var result = Reducer.Reduce(source, KeepsError("Index"));
        Assert.True(result.LinesAfter <= 2, result.Source);
        Assert.DoesNotContain("\"x\"", result.Source);
        Assert.DoesNotContain("true", result.Source);
        Assert.Equal("Index", TestSupport.RunOnTree(result.Source).Error?.Kind);
    }

    [Fact]
    public void OutputConditionsCanDriveTheReduction()
    {
        // Any predicate works: here, "the program still prints a line 'ok' before it ends".
        const string source = """
            var n = 0
            for i in 0..10 do
                n += i
                if n > 20 then
                    println("ok")
                    break
                end
                println(n)
            end
            println("done")
            """;
        bool PrintsOk(string s)
        {
            var compiled = VeldCompiler.Compile(new Source("t.veld", s));
            return compiled.Success && TierHost.Run(TestSupport.Tree, compiled.Program!, TestSupport.Limits).Stdout.Split('\n').Contains("ok");
        }
        var result = Reducer.Reduce(source, PrintsOk);
        Assert.True(PrintsOk(result.Source));
        Assert.True(result.LinesAfter < result.LinesBefore);
        Assert.Equal("println(\"ok\")\n", result.Source);
    }
}

using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;
using Veld.Language;

namespace Veld.RegisterVm.Fuzzing;

/// <summary>What one fuzzing run checked, and the (shrunk) counterexample if something failed.</summary>
public sealed record RegallocFuzzReport
{
    public required ulong Seed { get; init; }
    public required ulong Gamma { get; init; }
    public int AllocatorCases { get; init; }
    public long AllocatorOperations { get; init; }
    public string? AllocatorCounterexample { get; init; }
    public int ProgramsCompiled { get; init; }
    /// <summary>Generated programs the front end rejected (they prove nothing; a generator bug if many).</summary>
    public int ProgramsRejected { get; init; }
    public int ProtosChecked { get; init; }
    public long InstructionsChecked { get; init; }
    public string? CheckerCounterexample { get; init; }

    public bool Passed => AllocatorCounterexample is null && CheckerCounterexample is null;

    public string Describe()
    {
        var sb = new StringBuilder();
        sb.Append($"seed {Seed},{Gamma}\n");
        sb.Append($"allocator model: {AllocatorCases} random operation sequences, {AllocatorOperations} operations, ");
        sb.Append("checked: illegal operations rejected without effect, registers as the model predicts, ");
        sb.Append("no register shared by two live values, temporaries freed in stack order, scope exit frees exactly its locals, ");
        sb.Append("shadowing, snapshots and restores, frame size = high-water mark\n");
        sb.Append(AllocatorCounterexample is null ? "  passed\n" : $"  FAILED, shrunk counterexample:\n{AllocatorCounterexample}\n");
        sb.Append($"bytecode checker: {ProgramsCompiled} random programs ({ProgramsRejected} rejected by the front end), {ProtosChecked} functions, {InstructionsChecked} instructions, ");
        sb.Append("checked: every register read is written on every path, no live immutable local overwritten, ");
        sb.Append("no call window over a live local, consistent try nesting, every operand in range\n");
        sb.Append(CheckerCounterexample is null ? "  passed\n" : $"  FAILED, shrunk counterexample:\n{CheckerCounterexample}\n");
        return sb.ToString();
    }
}

/// <summary>
/// The register-allocation fuzzer (<c>veld fuzz-regalloc</c>): (a) a model-based FsCheck property driving
/// <see cref="RegisterAllocator"/> with random operation sequences against <see cref="AllocatorModel"/>;
/// (b) random programs from <see cref="RegisterPressureProgramGenerator"/> compiled and proven by <see cref="RegisterChecker"/>.
/// Deterministic for a given seed; failures are shrunk by FsCheck.
/// </summary>
public static class RegallocFuzzer
{
    public static RegallocFuzzReport Run(ulong seed, int count, ulong gamma = 0x9E3779B97F4A7C15)
    {
        gamma |= 1; // SplitMix needs an odd gamma
        long operations = 0;
        var allocator = CheckProperty(seed, gamma, count,
            Prop.ForAll(OperationSequences(), (AllocatorOp[] ops) =>
            {
                Interlocked.Add(ref operations, ops.Length);
                return AllocatorModelChecker.Run(ops) is null;
            }),
            shrunk => shrunk is AllocatorOp[] ops
                ? $"  {AllocatorModelChecker.Run(ops)}\n  operations: {string.Join("; ", ops.Select(o => o.ToString()))}"
                : shrunk?.ToString() ?? "");

        int programs = 0, rejected = 0, protos = 0;
        long instructions = 0;
        var checker = CheckProperty(seed, gamma, count,
            Prop.ForAll(RegisterPressureProgramGenerator.Arbitrary(), (RegisterPressureProgramGenerator.GeneratedProgram p) =>
            {
                var (ok, checkedProtos, checkedInstructions) = CheckProgram(p.Source, out _);
                if (checkedProtos == 0 && ok) Interlocked.Increment(ref rejected);
                else Interlocked.Increment(ref programs);
                Interlocked.Add(ref protos, checkedProtos);
                Interlocked.Add(ref instructions, checkedInstructions);
                return ok;
            }),
            shrunk => shrunk is RegisterPressureProgramGenerator.GeneratedProgram p
                ? $"  {(CheckProgram(p.Source, out var why).Ok ? "" : why)}\n  program:\n{RegisterPressureProgramGenerator.Describe(p)}"
                : shrunk?.ToString() ?? "");

        return new RegallocFuzzReport
        {
            Seed = seed,
            Gamma = gamma,
            AllocatorCases = count,
            AllocatorOperations = operations,
            AllocatorCounterexample = allocator,
            ProgramsCompiled = programs,
            ProgramsRejected = rejected,
            ProtosChecked = protos,
            InstructionsChecked = instructions,
            CheckerCounterexample = checker,
        };
    }

    /// <summary>Compile <paramref name="source"/> and prove it; a program the front end rejects proves nothing and passes.</summary>
    public static (bool Ok, int Protos, long Instructions) CheckProgram(string source, out string problem)
    {
        problem = "";
        var compiled = VeldCompiler.Compile(new Source("fuzz.veld", source));
        if (!compiled.Success) return (true, 0, 0);
        RegisterProgram program;
        try
        {
            program = ProgramCompiler.Compile(compiled.Program!);
        }
        catch (Runtime.TierUnsupportedException)
        {
            return (true, 0, 0); // a documented limit (more than 255 registers), not a miscompilation
        }
        catch (Exception e)
        {
            problem = $"the compiler crashed: {e.GetType().Name}: {e.Message}";
            return (false, 0, 0);
        }
        var violations = RegisterChecker.Check(program);
        var protos = program.Script.SelfAndDescendants().ToList();
        if (violations.Count > 0) problem = "checker: " + string.Join("; ", violations.Take(5));
        return (violations.Count == 0, protos.Count, protos.Sum(p => (long)p.Code.Length));
    }

    private static Arbitrary<AllocatorOp[]> OperationSequences()
    {
        var names = Gen.Elements("a", "b", "c", "d", "e");
        var op = Gen.Frequency(
            (20, names.Select(n => (AllocatorOp)new AllocatorOp.Declare(n))),
            (25, Gen.Constant((AllocatorOp)new AllocatorOp.Temp())),
            (5, Gen.Choose(1, 6).Select(n => (AllocatorOp)new AllocatorOp.Temps(n))),
            (1, Gen.Choose(20, 120).Select(n => (AllocatorOp)new AllocatorOp.Temps(n))),
            (22, Gen.Frequency((6, Gen.Constant(0)), (1, Gen.Choose(1, 3))).Select(d => (AllocatorOp)new AllocatorOp.Free(d))),
            (5, names.Select(n => (AllocatorOp)new AllocatorOp.Promote(n))),
            (8, Gen.Constant((AllocatorOp)new AllocatorOp.EnterScope())),
            (8, Gen.Constant((AllocatorOp)new AllocatorOp.ExitScope())),
            (3, Gen.Constant((AllocatorOp)new AllocatorOp.Snapshot())),
            (3, Gen.Choose(0, 10).Select(i => (AllocatorOp)new AllocatorOp.Restore(i))));
        var sequences = Gen.Choose(1, 300).SelectMany(n => Gen.ArrayOf(op, n));
        return Arb.From(sequences, ShrinkOps);
    }

    /// <summary>Drop halves, then single operations: the shrunk sequence is a short story of the failure.</summary>
    private static IEnumerable<AllocatorOp[]> ShrinkOps(AllocatorOp[] ops)
    {
        if (ops.Length > 1)
        {
            yield return ops[..(ops.Length / 2)];
            yield return ops[(ops.Length / 2)..];
        }
        for (int i = 0; i < ops.Length; i++)
            yield return [.. ops[..i], .. ops[(i + 1)..]];
    }

    /// <summary>Run <paramref name="property"/> for <paramref name="count"/> cases from a fixed seed; null when it
    /// holds, else the shrunk counterexample described by <paramref name="describe"/>.</summary>
    private static string? CheckProperty(ulong seed, ulong gamma, int count, Property property, Func<object?, string> describe)
    {
        var runner = new CapturingRunner();
        var replay = new Replay(new Rnd(seed, gamma), FSharpOption<int>.None);
        var config = Config.Quick.WithMaxTest(count).WithQuietOnSuccess(true).WithRunner(runner)
            .WithReplay(FSharpOption<Replay>.Some(replay));
        Check.One(config, property);
        if (runner.Result is TestResult.Failed failed)
        {
            object? shrunk = failed.Item3.IsEmpty ? null : failed.Item3.Head;
            return $"  after {failed.Item1.NumberOfTests} cases and {failed.Item1.NumberOfShrinks} shrinks\n{describe(shrunk)}";
        }
        return null;
    }

    private sealed class CapturingRunner : IRunner
    {
        public TestResult? Result { get; private set; }
        public void OnStartFixture(Type t) { }
        public void OnArguments(int ntest, Microsoft.FSharp.Collections.FSharpList<object> args, FSharpFunc<int, FSharpFunc<Microsoft.FSharp.Collections.FSharpList<object>, string>> every) { }
        public void OnShrink(Microsoft.FSharp.Collections.FSharpList<object> args, FSharpFunc<Microsoft.FSharp.Collections.FSharpList<object>, string> everyShrink) { }
        public void OnFinished(string name, TestResult testResult) => Result = testResult;
    }
}

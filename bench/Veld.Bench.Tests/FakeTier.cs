using Veld.Language.Syntax;
using Veld.Runtime;
using ExecutionContext = Veld.Runtime.ExecutionContext;

namespace Veld.Bench.Tests;

/// <summary>
/// A tier whose runs do what the test says: print a line, fail, report instructions. Every run appends the
/// tier's name to a shared log, so tests can see the order the runner used.
/// </summary>
internal sealed class FakeTier(string name, List<string> log, Func<int, ExecutionContext, Value>? run = null) : ITier
{
    public string Name { get; } = name;
    public int Runs { get; private set; }
    public bool RefuseToCompile { get; init; }
    /// <summary>The args each run saw.</summary>
    public List<IReadOnlyList<string>> ArgsSeen { get; } = [];

    public IExecutable Compile(CheckedProgram program) =>
        RefuseToCompile ? throw new TierUnsupportedException("closures are not supported yet") : new Executable(this);

    private Value Execute(ExecutionContext context)
    {
        lock (log) log.Add(Name);
        ArgsSeen.Add(context.Args);
        int n = Runs++;
        if (run is not null) return run(n, context);
        context.Output.Write("ok\n");
        context.Instructions = 1000;
        return Value.Unit;
    }

    private sealed class Executable(FakeTier tier) : IExecutable
    {
        public long? CodeBytes => 64;
        public Value Execute(ExecutionContext context) => tier.Execute(context);
    }
}

namespace Veld.Runtime.Tests;

/// <summary>
/// Issue 14: the runtime's long loops (sort, display, join, repeat and the other string builders) spend the run's
/// fuel, one step per <see cref="RunBudget.UnitsPerStep"/> units of work, and so also look at its clock: a builtin
/// given a huge input stops at <c>--fuel</c> or <c>--timeout</c> like a loop a program would write. Fuel is
/// deterministic, so the tests assert on it: too little stops the builtin, enough lets it finish.
/// </summary>
public class BuiltinLimitTests
{
    /// <summary>A run whose whole program is one builtin call.</summary>
    private sealed class OneCall(Func<ExecutionContext, Value> body) : IExecutable
    {
        public long? CodeBytes => null;
        public Value Execute(ExecutionContext context) => body(context);
    }

    private static OutcomeKind Run(long? fuel, Func<ExecutionContext, Value> body) =>
        TierHost.Execute("test", new OneCall(body), new RunOptions { Fuel = fuel }, null).Kind;

    /// <summary>Stopped with <paramref name="small"/> fuel, finished with <paramref name="enough"/>.</summary>
    private static void StopsAtFuel(long small, long enough, Func<ExecutionContext, Value> body)
    {
        Assert.Equal(OutcomeKind.LimitExceeded, Run(small, body));
        Assert.Equal(OutcomeKind.Success, Run(enough, body));
    }

    /// <summary>20,000 ints in a scrambled order: about 280,000 comparisons, 4,400 steps of fuel.</summary>
    private static Value Scrambled()
    {
        var items = new List<Value>();
        for (long i = 0, x = 1; i < 20_000; i++, x = x * 48_271 % 2_147_483_647) items.Add(Value.FromInt(x));
        return Value.FromObject(new VeldArray(items));
    }

    /// <summary>Issue 14: one doubling of a large array or map copies everything and cannot be interrupted, so it
    /// is checked against the memory limit before it starts: the container is left as it was.</summary>
    [Fact]
    public void AGrowthThatWouldPassTheMemoryLimitIsRefusedBeforeItStarts()
    {
        var full = new VeldArray(new List<Value>(1 << 20)); // 16 MiB of elements; doubling asks for 32 MiB more
        for (int i = 0; i < 1 << 20; i++) full.Add(Value.FromInt(i));
        var map = new VeldMap();
        var limited = new RunOptions { MaxMemory = 24L << 20 };

        var array = TierHost.Execute("test", new OneCall(_ => { full.Add(Value.Unit); return Value.Unit; }), limited, null);
        Assert.Equal((OutcomeKind.LimitExceeded, "memory limit of 24 MiB exceeded"), (array.Kind, array.Error!.Message));
        Assert.Equal(1 << 20, full.Count);

        var growing = TierHost.Execute("test", new OneCall(_ =>
        {
            for (int i = 0; ; i++) map.Set(Value.FromInt(i), Value.Unit);
        }), limited, null);
        Assert.Equal((OutcomeKind.LimitExceeded, "memory limit of 24 MiB exceeded"), (growing.Kind, growing.Error!.Message));
        Assert.InRange(map.Count, 1, 24 << 20 >> 5);

        // Outside a run, nothing is charged or refused.
        full.Add(Value.Unit);
        Assert.Equal((1 << 20) + 1, full.Count);
    }

    [Fact]
    public void SortSpendsFuelPerComparison()
    {
        var array = Scrambled();
        StopsAtFuel(1_000, 50_000, context => BuiltinMethods.Call(context, array, "sort", []));
    }

    [Fact]
    public void DisplayOfAValueWithSharedPartsSpendsFuelPerElementAndCharacterShown()
    {
        // a = [a, a] eighteen times: 2^19 slots and 1.3 million characters shown, about 29,000 steps.
        var a = Value.FromInt(1);
        for (int i = 0; i < 18; i++) a = Value.FromObject(new VeldArray([a, a]));
        StopsAtFuel(1_000, 100_000, _ => Value.FromString(Display.Show(a)));
    }

    [Fact]
    public void JoinSpendsFuelPerElement()
    {
        var array = Value.FromObject(new VeldArray(Enumerable.Range(0, 100_000).Select(i => Value.FromInt(i)).ToList()));
        StopsAtFuel(500, 5_000, context => BuiltinMethods.Call(context, array, "join", [Value.FromString(",")]));
    }

    [Fact]
    public void StringBuildersSpendFuelPerCharacter()
    {
        var text = Value.FromString("ab");
        StopsAtFuel(1_000, 100_000, context => BuiltinMethods.Call(context, text, "repeat", [Value.FromInt(1_000_000)]));
        var million = Value.FromString(new string('x', 1_000_000));
        StopsAtFuel(1_000, 100_000, context => BuiltinMethods.Call(context, million, "chars", []));
        StopsAtFuel(1_000, 100_000, context => BuiltinMethods.Call(context, million, "replace", [Value.FromString("x"), Value.FromString("yz")]));
    }

    [Fact]
    public void OutsideARunNothingIsCharged()
    {
        var array = Scrambled();
        Assert.Equal(20_000, BuiltinMethods.Call(new ExecutionContext(new RunOptions { Fuel = 0 }, TextWriter.Null, new()), array, "sort", [])
            .As<VeldArray>().Count);
    }
}

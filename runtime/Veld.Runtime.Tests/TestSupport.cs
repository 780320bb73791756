using System.Diagnostics;

namespace Veld.Runtime.Tests;

/// <summary>Short constructors for values and assertions about runtime errors, shared by every test class.</summary>
internal static class V
{
    public static Value I(long i) => Value.FromInt(i);
    public static Value F(double d) => Value.FromFloat(d);
    public static Value B(bool b) => Value.FromBool(b);
    public static Value S(string s) => Value.FromString(s);
    public static Value Unit => Value.Unit;
    public static Value Arr(params Value[] items) => Value.FromObject(new VeldArray(items.ToList()));
    public static Value Tup(params Value[] items) => Value.FromObject(new VeldTuple(items));
    public static Value Range(long a, long b, bool inclusive = false) => Value.FromObject(new VeldRange(a, b, inclusive));

    public static Value Map(params (Value Key, Value Value)[] entries)
    {
        var map = new VeldMap();
        foreach (var (k, v) in entries) map.Set(k, v);
        return Value.FromObject(map);
    }

    public static readonly StructType Point = new("Point", ["x", "y"]);
    public static Value Pt(Value x, Value y) => Operators.NewStruct(Point, [x, y]);

    public static readonly EnumType Shape = new("Shape", ["Circle", "Rect", "Empty"], [1, 2, 0]);
    public static readonly EnumType Color = new("Color", ["Red", "Green", "Blue"], [0, 0, 0]);
    public static Value Circle(double r) => Operators.NewEnum(Shape, 0, [F(r)]);

    public static VeldArray AsArray(Value v) => v.As<VeldArray>();
    public static VeldMap AsMap(Value v) => v.As<VeldMap>();

    /// <summary>Asserts that <paramref name="action"/> raises runtime error <paramref name="kind"/>; returns it.</summary>
    public static VeldRuntimeException Raises(ErrorKind kind, Action action)
    {
        var e = Assert.Throws<VeldRuntimeException>(action);
        Assert.Equal(kind, e.Kind);
        Assert.Equal(0, e.Line);
        return e;
    }

    public static void Raises(ErrorKind kind, string message, Action action) =>
        Assert.Equal(message, Raises(kind, action).Message);

    public static VeldRuntimeException Raises(ErrorKind kind, Func<object?> action) => Raises(kind, () => { action(); });
    public static void Raises(ErrorKind kind, string message, Func<object?> action) => Raises(kind, message, () => { action(); });
}

/// <summary>A Veld function made of a C# delegate, for testing callbacks (map, filter, ...).</summary>
internal sealed class TestFunction(string name, Func<Value[], Value> body) : FunctionObject
{
    public override string DisplayName => $"<fn {name}>";
    public Value Call(ReadOnlySpan<Value> args) => body(args.ToArray());

    public static Value Of(string name, Func<Value[], Value> body) => Value.FromObject(new TestFunction(name, body));
}

/// <summary>The invoker a tier would provide, for <see cref="TestFunction"/>s; records the calls it made.</summary>
internal sealed class TestInvoker : IInvoker
{
    public readonly List<Value[]> Calls = [];

    public Value Call(Value function, ReadOnlySpan<Value> args)
    {
        Calls.Add(args.ToArray());
        if (function.AsObject is TestFunction f) return f.Call(args);
        if (function.AsObject is BuiltinFunction b) return b.Invoke(Contexts.Last!, args);
        throw RuntimeErrors.NotCallable(function);
    }
}

internal static class Contexts
{
    [ThreadStatic] public static ExecutionContext? Last;

    /// <summary>A fresh context writing to <paramref name="output"/>, with a <see cref="TestInvoker"/>.</summary>
    public static ExecutionContext New(StringWriter? output = null, IReadOnlyList<string>? args = null)
    {
        var options = new RunOptions { Args = args ?? [] };
        var context = new ExecutionContext(options, output ?? new StringWriter(), Stopwatch.StartNew())
        {
            Invoker = new TestInvoker(),
        };
        Last = context;
        return context;
    }
}

using System.Collections.Frozen;
using System.Text;

namespace Veld.Runtime;

/// <summary>
/// Builtin methods of arrays. <c>reverse slice map filter sort copy</c> return new arrays; <c>push pop insert
/// remove</c> change the array in place. Callbacks go through the tier's <see cref="IInvoker"/>; if a callback
/// changes the array's length the method stops with runtime error Value, as a <c>for</c> loop would.
/// </summary>
internal static class ArrayMethods
{
    public static readonly FrozenSet<string> Names = FrozenSet.ToFrozenSet(
    [
        "len", "is_empty", "push", "pop", "insert", "remove", "first", "last", "contains", "index_of",
        "reverse", "slice", "join", "map", "filter", "reduce", "any", "all", "sort", "copy", "to_str", "to_string",
    ], StringComparer.Ordinal);

    public static Value Call(ExecutionContext context, VeldArray array, string name, ReadOnlySpan<Value> args)
    {
        string method = "array." + name;
        switch (name)
        {
            case "len":
                BuiltinMethods.Expect(method, args, 0);
                return Value.FromInt(array.Count);
            case "is_empty":
                BuiltinMethods.Expect(method, args, 0);
                return Value.FromBool(array.Count == 0);
            case "push":
                BuiltinMethods.Expect(method, args, 1);
                array.Add(args[0]);
                return Value.Unit;
            case "pop":
            {
                BuiltinMethods.Expect(method, args, 0);
                if (array.Count == 0) throw Fail.Index("pop from an empty array");
                var last = array[array.Count - 1];
                array.RemoveAt(array.Count - 1);
                return last;
            }
            case "insert":
            {
                BuiltinMethods.Expect(method, args, 2);
                long i = BuiltinMethods.Int(method, args[0]);
                // Inserting at Count appends, so the valid range is 0..=Count.
                if (i < 0 || i > array.Count) throw Fail.Index($"array.insert index {i} out of range for array of length {array.Count}");
                array.Insert((int)i, args[1]);
                return Value.Unit;
            }
            case "remove":
            {
                BuiltinMethods.Expect(method, args, 1);
                if (!args[0].IsInt) throw Fail.Argument(method, "an int", args[0]);
                int i = Operators.CheckIndex(args[0], array.Count, "array");
                var removed = array[i];
                array.RemoveAt(i);
                return removed;
            }
            case "first":
                BuiltinMethods.Expect(method, args, 0);
                if (array.Count == 0) throw Fail.Index("first of an empty array");
                return array[0];
            case "last":
                BuiltinMethods.Expect(method, args, 0);
                if (array.Count == 0) throw Fail.Index("last of an empty array");
                return array[array.Count - 1];
            case "contains":
                BuiltinMethods.Expect(method, args, 1);
                return Value.FromBool(IndexOf(array, args[0]) >= 0);
            case "index_of":
                BuiltinMethods.Expect(method, args, 1);
                return Value.FromInt(IndexOf(array, args[0]));
            case "reverse":
            {
                BuiltinMethods.Expect(method, args, 0);
                var items = array.ToArray();
                Array.Reverse(items);
                return Value.FromObject(VeldArray.Of(items));
            }
            case "slice":
            {
                BuiltinMethods.Expect(method, args, 2);
                var (start, end) = BuiltinMethods.Span(method, args[0], args[1], array.Count, "array");
                return Value.FromObject(array.Slice(start, end));
            }
            case "join":
                BuiltinMethods.Expect(method, args, 1);
                return Value.FromString(Join(array, BuiltinMethods.Str(method, args[0])));
            case "map":
                BuiltinMethods.Expect(method, args, 1);
                return Map(context, array, BuiltinMethods.Function(method, args[0]));
            case "filter":
                BuiltinMethods.Expect(method, args, 1);
                return Filter(context, array, BuiltinMethods.Function(method, args[0]));
            case "reduce":
                BuiltinMethods.Expect(method, args, 2);
                return Reduce(context, array, args[0], BuiltinMethods.Function(method, args[1]));
            case "any":
                BuiltinMethods.Expect(method, args, 1);
                return Value.FromBool(Any(context, array, BuiltinMethods.Function(method, args[0]), "any", stopOn: true));
            case "all":
                BuiltinMethods.Expect(method, args, 1);
                return Value.FromBool(!Any(context, array, BuiltinMethods.Function(method, args[0]), "all", stopOn: false));
            case "sort":
                BuiltinMethods.Expect(method, args, 0);
                return New(Sort(array));
            case "copy":
                BuiltinMethods.Expect(method, args, 0);
                return Value.FromObject(array.Slice(0, array.Count));
            default:
                BuiltinMethods.Expect(method, args, 0);
                return Value.FromString(Display.Show(Value.FromObject(array)));
        }
    }

    private static Value New(List<Value> items) => Value.FromObject(new VeldArray(items));

    private static long IndexOf(VeldArray array, Value wanted)
    {
        for (int i = 0; i < array.Count; i++)
            if (Operators.Equal(array[i], wanted)) return i;
        return -1;
    }

    /// <summary>The display forms of the elements (strings raw) joined by <paramref name="separator"/>.</summary>
    private static string Join(VeldArray array, string separator)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < array.Count; i++)
        {
            if (i > 0) sb.Append(separator);
            RunBudget.Spend();
            sb.Append(Display.Show(array[i]));
            if (sb.Length > RuntimeLimits.MaxStringLength) throw Fail.TooLong("string", sb.Length);
        }
        return sb.ToString();
    }

    /// <summary>Element <paramref name="i"/> for a callback loop, or false at the end; Value error if a
    /// callback changed the array's length since the loop began.</summary>
    private static bool Next(VeldArray array, int version, int i, string method, out Value item)
    {
        if (array.Version != version) throw Fail.Value($"array changed size during {method}");
        if (i >= array.Count) { item = default; return false; }
        item = array[i];
        return true;
    }

    private static Value Map(ExecutionContext context, VeldArray array, Value f)
    {
        var results = new List<Value>(array.Count);
        int version = array.Version;
        for (int i = 0; Next(array, version, i, "map", out var item); i++)
            results.Add(context.Invoker.Call(f, [item]));
        return New(results);
    }

    private static Value Filter(ExecutionContext context, VeldArray array, Value f)
    {
        var kept = new List<Value>();
        int version = array.Version;
        for (int i = 0; Next(array, version, i, "filter", out var item); i++)
            if (Predicate(context, f, item, "filter")) kept.Add(item);
        return New(kept);
    }

    private static Value Reduce(ExecutionContext context, VeldArray array, Value accumulator, Value f)
    {
        int version = array.Version;
        for (int i = 0; Next(array, version, i, "reduce", out var item); i++)
            accumulator = context.Invoker.Call(f, [accumulator, item]);
        return accumulator;
    }

    /// <summary>True as soon as the predicate returns <paramref name="stopOn"/> (any: true; all: false).</summary>
    private static bool Any(ExecutionContext context, VeldArray array, Value f, string method, bool stopOn)
    {
        int version = array.Version;
        for (int i = 0; Next(array, version, i, method, out var item); i++)
            if (Predicate(context, f, item, method) == stopOn) return true;
        return false;
    }

    private static bool Predicate(ExecutionContext context, Value f, Value item, string method)
    {
        var result = context.Invoker.Call(f, [item]);
        if (result.IsBool) return result.AsBool;
        throw Fail.Type($"array.{method} callback must return a bool, got {Display.TypeName(result)}");
    }

    /// <summary>A stable sort of all numbers or all strings. NaN sorts after every other number.</summary>
    private static List<Value> Sort(VeldArray array)
    {
        if (array.Count == 0) return [];
        IComparer<Value> order = array[0].IsNumber ? NumberOrder.Instance : StringOrder.Instance;
        for (int i = 0; i < array.Count; i++)
        {
            var item = array[i];
            bool fits = order == NumberOrder.Instance ? item.IsNumber : item.Kind == ValueKind.Str;
            if (!fits)
                throw Fail.Type($"array.sort needs all numbers or all strings, found {Display.TypeName(array[0])} and {Display.TypeName(item)}");
        }
        // OrderBy is a stable sort, so equal elements (1 and 1.0, say) keep their order. A limit the comparer
        // hits comes back wrapped by the sort (InvalidOperationException "failed to compare"): unwrap it.
        try
        {
            return array.ToArray().OrderBy(v => v, new Charged(order)).ToList();
        }
        catch (InvalidOperationException e) when (e.InnerException is VeldRuntimeException limit)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(limit);
            throw;
        }
    }

    /// <summary>An order that charges each comparison to the run (<see cref="RunBudget"/>): a long sort spends fuel
    /// and sees the time limit like the loop a program would write.</summary>
    private sealed class Charged(IComparer<Value> order) : IComparer<Value>
    {
        public int Compare(Value a, Value b)
        {
            RunBudget.Spend();
            return order.Compare(a, b);
        }
    }

    private sealed class NumberOrder : IComparer<Value>
    {
        public static readonly NumberOrder Instance = new();
        public int Compare(Value a, Value b)
        {
            bool nanA = a.IsFloat && double.IsNaN(a.AsFloat), nanB = b.IsFloat && double.IsNaN(b.AsFloat);
            if (nanA || nanB) return nanA.CompareTo(nanB);
            return Operators.CompareNumbers(a, b);
        }
    }

    private sealed class StringOrder : IComparer<Value>
    {
        public static readonly StringOrder Instance = new();
        public int Compare(Value a, Value b) => Strings.CompareScalars(a.As<VeldString>().Text, b.As<VeldString>().Text);
    }
}

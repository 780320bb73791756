using System.Collections.Frozen;

namespace Veld.Runtime;

/// <summary>Builtin methods of maps. Keys given to them must be valid map keys (else Type).</summary>
internal static class MapMethods
{
    public static readonly FrozenSet<string> Names = FrozenSet.ToFrozenSet(
    [
        "len", "is_empty", "keys", "values", "contains_key", "get", "remove", "copy", "to_str", "to_string",
    ], StringComparer.Ordinal);

    public static Value Call(VeldMap map, string name, ReadOnlySpan<Value> args)
    {
        string method = "map." + name;
        switch (name)
        {
            case "len":
                BuiltinMethods.Expect(method, args, 0);
                return Value.FromInt(map.Count);
            case "is_empty":
                BuiltinMethods.Expect(method, args, 0);
                return Value.FromBool(map.Count == 0);
            case "keys":
                BuiltinMethods.Expect(method, args, 0);
                return Value.FromObject(new VeldArray(map.Entries.Select(e => e.Key)));
            case "values":
                BuiltinMethods.Expect(method, args, 0);
                return Value.FromObject(new VeldArray(map.Entries.Select(e => e.Value)));
            case "contains_key":
                BuiltinMethods.Expect(method, args, 1);
                MapKeys.Check(args[0]);
                return Value.FromBool(map.ContainsKey(args[0]));
            case "get":
                BuiltinMethods.Expect(method, args, 2);
                MapKeys.Check(args[0]);
                return map.TryGet(args[0], out var found) ? found : args[1];
            case "remove":
                BuiltinMethods.Expect(method, args, 1);
                MapKeys.Check(args[0]);
                return map.Remove(args[0], out var removed) ? removed : throw Fail.MissingKey(args[0]);
            case "copy":
            {
                BuiltinMethods.Expect(method, args, 0);
                var copy = new VeldMap();
                foreach (var (key, value) in map.Entries) copy.Set(key, value);
                return Value.FromObject(copy);
            }
            default:
                BuiltinMethods.Expect(method, args, 0);
                return Value.FromString(Display.Show(Value.FromObject(map)));
        }
    }
}

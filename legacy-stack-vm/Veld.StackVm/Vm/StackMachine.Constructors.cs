using System.Text;
using Veld.Runtime;

namespace Veld.StackVm;

/// <summary>The work of CLOSURE, NEW_* and FORMAT, kept out of the dispatch loop so that it stays small.</summary>
internal sealed partial class StackMachine
{
    /// <summary>A closure of nested function <paramref name="index"/> of <paramref name="enclosing"/>; its upvalue
    /// descriptors are the (isLocal, index) byte pairs at code[descriptors..].</summary>
    private Value NewClosure(Closure enclosing, int index, byte[] code, int descriptors, int bp)
    {
        var chunk = enclosing.Chunk.Functions[index];
        var upvalues = new Upvalue[chunk.Upvalues.Length];
        for (int i = 0; i < upvalues.Length; i++)
        {
            bool isLocal = code[descriptors + 2 * i] != 0;
            int slot = code[descriptors + 2 * i + 1];
            upvalues[i] = isLocal ? CaptureUpvalue(bp + slot) : enclosing.Upvalues[slot];
        }
        return Value.FromObject(new Closure(chunk, upvalues));
    }

    private static Value NewArray(ReadOnlySpan<Value> items) => Value.FromObject(VeldArray.Of(items));

    /// <summary>Entries go in through <see cref="Operators.SetIndex"/>, which checks each key.</summary>
    private static Value NewMap(ReadOnlySpan<Value> keysAndValues)
    {
        var map = Value.FromObject(new VeldMap());
        for (int i = 0; i < keysAndValues.Length; i += 2) Operators.SetIndex(map, keysAndValues[i], keysAndValues[i + 1]);
        return map;
    }

    /// <summary>The arguments come in evaluation order; the shape says which field each one sets.</summary>
    private Value NewStruct(StructShape shape, ReadOnlySpan<Value> args)
    {
        var type = (StructType)_types[shape.TypeId];
        var fields = new Value[type.FieldNames.Length];
        for (int i = 0; i < args.Length; i++) fields[shape.FieldOfArgument[i]] = args[i];
        return Operators.NewStruct(type, fields);
    }

    private Value NewEnum(int typeId, int variant, ReadOnlySpan<Value> payload) =>
        payload.Length == 0 ? _unitVariants.Get(typeId, (EnumType)_types[typeId], variant) : Operators.NewEnum((EnumType)_types[typeId], variant, payload.ToArray());

    /// <summary>FORMAT: the display forms of the parts, joined.</summary>
    private static Value Format(ReadOnlySpan<Value> parts)
    {
        var text = new StringBuilder();
        foreach (var part in parts) text.Append(Display.Show(part));
        return Value.FromString(RuntimeLimits.BuiltString(text.ToString()));
    }
}

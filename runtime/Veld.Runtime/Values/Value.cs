using System.Runtime.CompilerServices;

namespace Veld.Runtime;

public enum ValueKind : byte
{
    Unit, Bool, Int, Float, Str, Array, Tuple, Map, Range, Struct, Enum, Function,
    /// <summary>A global whose declaration has not run yet; never visible to Veld code.</summary>
    Uninitialized,
}

/// <summary>
/// A Veld value in 16 bytes: one object reference and 8 bytes of payload.
/// For int, float, bool and unit the payload holds the bits, so those never allocate; for every other
/// kind the reference is the heap object itself and the kind comes from the object.
/// An int's reference is null and float's, bool's and unit's a tag: a string literal, which .NET keeps in its
/// frozen heap. Null for the commonest kind is what makes storing a fresh int into a register or array cheap:
/// the .NET JIT stores a constant null reference without a GC write barrier. It does the same for a constant
/// reference to a frozen object, so a fresh float or bool (its tag a literal the JIT can see) is stored without
/// one too, where a tag allocated as an ordinary object cost a barrier call per store. So <c>default(Value)</c>
/// is the int 0.
/// Equality and display live in the runtime, not here.
/// </summary>
public readonly struct Value
{
    private readonly object? _obj;
    private readonly long _bits;

    private Value(object? obj, long bits)
    {
        _obj = obj;
        _bits = bits;
    }

    // The tags are literals (constants, not fields) so that every use is the frozen literal itself, which the JIT
    // compares and stores as a constant. No Veld value holds a System.String (Veld strings are VeldString).
    private const string FloatTag = "veld:float";
    private const string BoolTag = "veld:bool";
    private const string UnitTag = "veld:unit";
    private const string UninitializedTag = "veld:uninitialized";

    public static readonly Value Unit = new(UnitTag, 0);
    public static readonly Value True = new(BoolTag, 1);
    public static readonly Value False = new(BoolTag, 0);
    public static readonly Value Uninitialized = new(UninitializedTag, 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Value FromInt(long i) => new(null, i);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Value FromFloat(double d) => new(FloatTag, BitConverter.DoubleToInt64Bits(d));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Value FromBool(bool b) => new(BoolTag, b ? 1 : 0);
    public static Value FromString(string s) => new(new VeldString(s), 0);
    /// <summary>Wrap a heap object (VeldString, VeldArray, VeldTuple, VeldMap, VeldRange, StructInstance,
    /// EnumInstance, FunctionObject).</summary>
    public static Value FromObject(HeapObject obj) => new(obj, 0);

    public bool IsInt { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => _obj is null; }
    public bool IsFloat { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => ReferenceEquals(_obj, FloatTag); }
    public bool IsBool { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => ReferenceEquals(_obj, BoolTag); }
    public bool IsUnit => ReferenceEquals(_obj, UnitTag);
    public bool IsNumber => IsInt || IsFloat;
    public bool IsUninitialized => ReferenceEquals(_obj, UninitializedTag);

    /// <summary>Payload as int; only meaningful when <see cref="IsInt"/>.</summary>
    public long AsInt { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => _bits; }
    /// <summary>Payload as float; only meaningful when <see cref="IsFloat"/>.</summary>
    public double AsFloat { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => BitConverter.Int64BitsToDouble(_bits); }
    /// <summary>Payload as bool; only meaningful when <see cref="IsBool"/>.</summary>
    public bool AsBool { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => _bits != 0; }
    /// <summary>An int or float as a double.</summary>
    public double AsNumber => IsInt ? _bits : AsFloat;
    /// <summary>The heap object, or null for int/float/bool/unit.</summary>
    public HeapObject? AsObject => _obj as HeapObject;
    /// <summary>The array, or null for any other value: one test of a sealed class, where <see cref="AsObject"/>
    /// (a cast to a class with subclasses) calls the runtime's cast helper.</summary>
    public VeldArray? AsArray { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => _obj as VeldArray; }
    /// <summary>The struct instance, or null for any other value (as <see cref="AsArray"/>: one class test).</summary>
    public StructInstance? AsStruct { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => _obj as StructInstance; }

    public ValueKind Kind
    {
        get
        {
            var obj = _obj;
            if (obj is null) return ValueKind.Int;
            // A tag is a string (a sealed class: one type test); anything else is a heap object.
            if (obj is string) return IsFloat ? ValueKind.Float : IsBool ? ValueKind.Bool : IsUnit ? ValueKind.Unit : ValueKind.Uninitialized;
            return Unsafe.As<HeapObject>(obj).Kind;
        }
    }

    /// <summary><c>array[index] = value</c> for the dispatch loops' hot stores. An int is stored as a fresh
    /// int and a float as a fresh float, whose constant references (null, the frozen float tag) the JIT writes
    /// without a GC write barrier (a plain store of a <c>Value</c> whose kind the JIT cannot see is a barrier
    /// call); every other kind is a plain store.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Value[] array, int index, in Value value)
    {
        if (value.IsInt) array[index] = FromInt(value._bits);
        else if (value.IsFloat) array[index] = new(FloatTag, value._bits);
        else array[index] = value;
    }

    public T As<T>() where T : HeapObject => (T)_obj!;
    public bool Is<T>(out T obj) where T : HeapObject
    {
        if (_obj is T o) { obj = o; return true; }
        obj = null!;
        return false;
    }

    /// <summary>For debugging only; Veld's display form is <c>Display.Show</c>.</summary>
    public override string ToString() => Kind switch
    {
        ValueKind.Int => _bits.ToString(),
        ValueKind.Float => AsFloat.ToString("R"),
        ValueKind.Bool => AsBool ? "true" : "false",
        ValueKind.Unit => "()",
        _ => _obj?.ToString() ?? "",
    };
}

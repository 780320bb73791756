namespace Veld.Runtime;

/// <summary>
/// The values of unit enum variants (no payload), built once per run and shared: enum values are
/// immutable, so sharing one is unobservable and saves an allocation per use. Types are numbered by
/// the tier (its type table index).
/// </summary>
public sealed class UnitVariantCache(int typeCount)
{
    private readonly Value[]?[] _byType = new Value[]?[typeCount];

    /// <summary>Variant <paramref name="variant"/> of <paramref name="type"/> (type number <paramref name="typeId"/>);
    /// a variant that takes a payload is the runtime's Arity error.</summary>
    public Value Get(int typeId, EnumType type, int variant)
    {
        var values = _byType[typeId] ??= new Value[type.VariantNames.Length];
        if (values[variant].AsObject is null) values[variant] = Operators.NewEnum(type, variant, []);
        return values[variant];
    }
}

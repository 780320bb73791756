using Veld.Language.Syntax;

namespace Veld.RegisterVm;

/// <summary>
/// Where each variable a function captures lives in its closures: a shared <see cref="Upvalue"/> (GETUPVAL,
/// SETUPVAL, <see cref="FunctionProto.Upvalues"/>) or a value copied into the closure (GETCAPT,
/// <see cref="FunctionProto.Captures"/>), each kind numbered from 0 in the resolver's order. A local is captured by
/// value when its function holds its final value as CLOSURE runs (<see cref="FunctionCompiler.HoldsFinalValue"/>),
/// and an enclosing function's capture when that function captured it by value: a value that cannot change is
/// copied at every level.
/// </summary>
internal sealed class UpvalueLayout
{
    /// <summary>Per resolver upvalue index: captured by value, and its index among its kind.</summary>
    private readonly (bool ByValue, int Slot)[] _slots;

    public UpvalueInfo[] Shared { get; }
    public UpvalueInfo[] Captures { get; }

    /// <summary>The layout of <paramref name="function"/>'s captures, decided by <paramref name="parent"/>'s state now
    /// (when the nested function is compiled, at its CLOSURE).</summary>
    public UpvalueLayout(FunctionNode function, FunctionCompiler? parent)
    {
        _slots = new (bool, int)[function.Upvalues.Count];
        var shared = new List<UpvalueInfo>();
        var captures = new List<UpvalueInfo>();
        for (int i = 0; i < _slots.Length; i++)
        {
            var u = function.Upvalues[i];
            var enclosing = parent ?? throw new InvalidOperationException($"register VM compiler: '{function.DisplayName}' captures '{u.Binding.Name}' with no enclosing function");
            bool byValue;
            UpvalueInfo info;
            if (u.FromParentLocal)
            {
                byValue = enclosing.HoldsFinalValue(u.Binding);
                info = new UpvalueInfo(true, enclosing.RegisterOf(u.Binding), u.Binding.Name);
            }
            else
            {
                var outer = enclosing.Upvalues.SlotOf(u.Index);
                byValue = outer.ByValue;
                info = new UpvalueInfo(false, outer.Slot, u.Binding.Name);
            }
            var list = byValue ? captures : shared;
            _slots[i] = (byValue, list.Count);
            list.Add(info);
        }
        Shared = [.. shared];
        Captures = [.. captures];
    }

    /// <summary>Where the resolver's upvalue <paramref name="index"/> lives.</summary>
    public (bool ByValue, int Slot) SlotOf(int index) => _slots[index];
}

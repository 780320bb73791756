using System.Reflection.Emit;
using Veld.Runtime;

namespace Veld.Jit;

/// <summary>
/// Struct fields read and written inline through the instruction's inline cache. GETFIELD and SETFIELD test the
/// receiver's class (a struct instance) and its type against the type the cache holds, then index the fields with
/// the cache's slot. A cache not yet filled or filled for another type, and any other receiver, take the general
/// helper, which fills the cache or does what the interpreter does (the Field error included).
/// </summary>
internal sealed partial class FunctionEmitter
{
    /// <summary>The receiver as a struct instance: a scratch local shared by every access (made on first use).</summary>
    private LocalBuilder? _struct;

    /// <summary>GETFIELD R[a] := R[b].name, R[b] boxed; <paramref name="name"/> is the name's constant (and cache).</summary>
    private void EmitFieldRead(int a, int b, int name) => InlineRead(a, "field",
        general =>
        {
            CachedFieldSlot(b, name, general);
            _il.Emit(OpCodes.Ldelem, typeof(Value));
        },
        () =>
        {
            Register(b);
            _il.Emit(OpCodes.Ldstr, ConstantText(name));
            CacheAddress(name);
            _il.Emit(OpCodes.Call, Vm(nameof(Veld.RegisterVm.RegisterMachine.GetField)));
        });

    /// <summary>SETFIELD R[a].name := the value <paramref name="value"/> pushes, R[a] boxed.</summary>
    private void EmitFieldWrite(int a, int name, Action value) => InlineWrite("field",
        general =>
        {
            CachedFieldSlot(a, name, general);
            value();
            _il.Emit(OpCodes.Stelem, typeof(Value));
        },
        () =>
        {
            Register(a);
            _il.Emit(OpCodes.Ldstr, ConstantText(name));
            value();
            CacheAddress(name);
            _il.Emit(OpCodes.Call, Vm(nameof(Veld.RegisterVm.RegisterMachine.SetField)));
        });

    /// <summary>Push the fields array of the struct in R[<paramref name="receiver"/>] and the cached slot of the field, or
    /// branch to <paramref name="general"/> with nothing pushed when the receiver is no struct of the cache's type.</summary>
    private void CachedFieldSlot(int receiver, int name, Label general)
    {
        _struct ??= _il.Local(typeof(StructInstance));
        RegisterAddress(receiver);
        _il.Emit(OpCodes.Call, VmMembers.AsStruct);
        _il.Emit(OpCodes.Stloc, _struct);
        _il.Emit(OpCodes.Ldloc, _struct);
        _il.Emit(OpCodes.Brfalse, general);
        _il.Emit(OpCodes.Ldloc, _struct);
        _il.Emit(OpCodes.Call, VmMembers.StructTypeOf);
        CacheAddress(name);
        _il.Emit(OpCodes.Ldfld, VmMembers.CacheType);
        _il.Emit(OpCodes.Bne_Un, general); // an empty cache holds null, never a struct's type
        _il.Emit(OpCodes.Ldloc, _struct);
        _il.Emit(OpCodes.Call, VmMembers.StructFields);
        CacheAddress(name);
        _il.Emit(OpCodes.Ldfld, VmMembers.CacheField);
    }
}

using System.Reflection;
using MethodInfo = System.Reflection.MethodInfo;
using Veld.RegisterVm;
using Veld.Runtime;
using ExecutionContext = Veld.Runtime.ExecutionContext;

namespace Veld.Jit;

/// <summary>The methods and fields compiled code calls, found once by name (a rename fails at start-up, loudly).</summary>
internal static class VmMembers
{
    private const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance;

    public static MethodInfo Method(Type type, string name) =>
        type.GetMethod(name, All) ?? throw new MissingMethodException(type.Name, name);

    public static MethodInfo Method(Type type, string name, params Type[] parameters) =>
        type.GetMethod(name, All, parameters) ?? throw new MissingMethodException(type.Name, name);

    public static MethodInfo Getter(Type type, string property) =>
        type.GetProperty(property, All)?.GetMethod ?? throw new MissingMemberException(type.Name, property);

    public static MethodInfo Setter(Type type, string property) =>
        type.GetProperty(property, All)?.SetMethod ?? throw new MissingMemberException(type.Name, property);

    public static FieldInfo Field(Type type, string name) =>
        type.GetField(name, All) ?? throw new MissingFieldException(type.Name, name);

    /// <summary>The VM's helper <paramref name="name"/>, or its <see cref="ColdCalls"/> wrapper (which .NET does not inline
    /// into compiled code) where it has one.</summary>
    public static MethodInfo Vm(string name) => ColdCall(name) ?? Method(typeof(RegisterMachine), name);

    private static MethodInfo? ColdCall(string name) => typeof(ColdCalls).GetMethod(name, BindingFlags.Public | BindingFlags.Static);

    public static readonly MethodInfo FromInt = Method(typeof(Value), nameof(Value.FromInt));
    public static readonly MethodInfo FromFloat = Method(typeof(Value), nameof(Value.FromFloat));
    public static readonly MethodInfo FromBool = Method(typeof(Value), nameof(Value.FromBool));
    public static readonly FieldInfo True = Field(typeof(Value), nameof(Value.True));
    public static readonly FieldInfo False = Field(typeof(Value), nameof(Value.False));
    public static readonly FieldInfo Unit = Field(typeof(Value), nameof(Value.Unit));
    public static readonly MethodInfo TickClockDue = Method(typeof(ExecutionContext), nameof(ExecutionContext.TickClockDue));
    public static readonly MethodInfo CheckClockNow = Method(typeof(ColdCalls), nameof(ColdCalls.CheckClockNow));
    public static readonly MethodInfo Context = Getter(typeof(RegisterMachine), nameof(RegisterMachine.Context));
    public static readonly MethodInfo ClosureProto = Getter(typeof(Closure), nameof(Closure.Proto));
    public static readonly MethodInfo ClosureUpvalues = Getter(typeof(Closure), nameof(Closure.Upvalues));
    public static readonly MethodInfo ClosureCaptured = Getter(typeof(Closure), nameof(Closure.Captured));
    public static readonly MethodInfo ProtoId = Getter(typeof(FunctionProto), nameof(FunctionProto.Id));
    public static readonly MethodInfo ProtoConstants = Getter(typeof(FunctionProto), nameof(FunctionProto.Constants));
    public static readonly MethodInfo UpvalueGet = Getter(typeof(Upvalue), nameof(Upvalue.Value));
    public static readonly MethodInfo UpvalueSet = Setter(typeof(Upvalue), nameof(Upvalue.Value));
    public static readonly MethodInfo IsInt = Getter(typeof(Value), nameof(Value.IsInt));
    public static readonly MethodInfo AsInt = Getter(typeof(Value), nameof(Value.AsInt));
    public static readonly MethodInfo IsFloat = Getter(typeof(Value), nameof(Value.IsFloat));
    public static readonly MethodInfo AsFloat = Getter(typeof(Value), nameof(Value.AsFloat));
    public static readonly MethodInfo IsBool = Getter(typeof(Value), nameof(Value.IsBool));
    public static readonly MethodInfo AsBool = Getter(typeof(Value), nameof(Value.AsBool));
    public static readonly FieldInfo CompiledResult = Field(typeof(RegisterMachine), nameof(RegisterMachine.CompiledResult));
    /// <summary>Set by a direct entry that bailed; its compiled caller clears it and leaves in turn.</summary>
    public static readonly FieldInfo DirectBailed = Field(typeof(RegisterMachine), nameof(RegisterMachine.DirectBailed));
    public static readonly MethodInfo TierUpOf = Getter(typeof(RegisterMachine), nameof(RegisterMachine.TierUp));
    public static readonly MethodInfo Deoptimized = Method(typeof(TierUp), nameof(TierUp.Deoptimized));
    public static readonly MethodInfo StressFails = Method(typeof(TierUp), nameof(TierUp.StressFails));
    public static readonly MethodInfo EntryMissed = Method(typeof(JitCompiler), nameof(JitCompiler.EntryMissedIn));
    public static readonly MethodInfo AsArray = Getter(typeof(Value), nameof(Value.AsArray));
    public static readonly MethodInfo AsStruct = Getter(typeof(Value), nameof(Value.AsStruct));
    public static readonly MethodInfo StructTypeOf = Getter(typeof(StructInstance), nameof(StructInstance.Type));
    public static readonly MethodInfo StructFields = Getter(typeof(StructInstance), nameof(StructInstance.Fields));
    public static readonly FieldInfo CacheType = Field(typeof(InlineCache), nameof(InlineCache.Type));
    public static readonly FieldInfo CacheField = Field(typeof(InlineCache), nameof(InlineCache.Field));
    public static readonly MethodInfo BigMul = Method(typeof(Math), nameof(Math.BigMul), typeof(long), typeof(long), typeof(long).MakeByRefType());
}

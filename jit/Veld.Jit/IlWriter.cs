using System.Reflection;
using System.Reflection.Emit;
using System.Text;

namespace Veld.Jit;

/// <summary>
/// An <see cref="ILGenerator"/> that can also write what it emits as a listing (offset, opcode, operand),
/// for <c>veld disasm --tier jit</c>: the listing is the IL that runs, produced by the same calls.
/// </summary>
internal sealed class IlWriter(ILGenerator il, StringBuilder? listing)
{
    private readonly Dictionary<Label, string> _labelNames = [];

    public int Offset => il.ILOffset;
    public int LabelsMarked { get; private set; }

    public void Comment(string text) => listing?.Append("          // ").AppendLine(text);

    public LocalBuilder Local(Type type) => il.DeclareLocal(type);

    public Label NewLabel(string name)
    {
        var label = il.DefineLabel();
        if (listing is not null) _labelNames[label] = name;
        return label;
    }

    public void Mark(Label label)
    {
        LabelsMarked++;
        il.MarkLabel(label);
        if (listing is not null) listing.Append("        ").Append(_labelNames[label]).AppendLine(":");
    }

    public void Emit(OpCode op) { Line(op, ""); il.Emit(op); }
    public void Emit(OpCode op, int operand) { Line(op, operand.ToString()); il.Emit(op, operand); }
    public void Emit(OpCode op, long operand) { Line(op, operand.ToString()); il.Emit(op, operand); }
    public void Emit(OpCode op, double operand) { Line(op, operand.ToString("R")); il.Emit(op, operand); }
    public void Emit(OpCode op, string text) { Line(op, "\"" + text + "\""); il.Emit(op, text); }
    public void Emit(OpCode op, Type type) { Line(op, type.Name); il.Emit(op, type); }
    public void Emit(OpCode op, FieldInfo field) { Line(op, $"{field.DeclaringType?.Name}.{field.Name}"); il.Emit(op, field); }
    public void Emit(OpCode op, LocalBuilder local) { Line(op, $"V_{local.LocalIndex}"); il.Emit(op, local); }
    public void Emit(OpCode op, Label label) { Line(op, Name(label)); il.Emit(op, label); }

    public void Emit(OpCode op, MethodInfo method)
    {
        Line(op, $"{method.DeclaringType?.Name}.{method.Name}");
        il.Emit(op, method);
    }

    public void Emit(OpCode op, ConstructorInfo constructor)
    {
        Line(op, $"{constructor.DeclaringType?.Name}..ctor");
        il.Emit(op, constructor);
    }

    public void Switch(Label[] targets)
    {
        Line(OpCodes.Switch, $"({targets.Length} targets)");
        il.Emit(OpCodes.Switch, targets);
    }

    public void BeginTry() { listing?.AppendLine("          .try {"); il.BeginExceptionBlock(); }
    public void BeginFilter() { listing?.AppendLine("          } filter {"); il.BeginExceptFilterBlock(); }
    public void BeginFilterHandler() { listing?.AppendLine("          } handler {"); il.BeginCatchBlock(null); }
    public void EndTry() { listing?.AppendLine("          }"); il.EndExceptionBlock(); }

    /// <summary>Load argument <paramref name="index"/> in its shortest form.</summary>
    public void Arg(int index)
    {
        switch (index)
        {
            case 0: Emit(OpCodes.Ldarg_0); break;
            case 1: Emit(OpCodes.Ldarg_1); break;
            case 2: Emit(OpCodes.Ldarg_2); break;
            case 3: Emit(OpCodes.Ldarg_3); break;
            default: Line(OpCodes.Ldarg_S, index.ToString()); il.Emit(OpCodes.Ldarg_S, (byte)index); break;
        }
    }

    /// <summary>Store the value on the IL stack into argument <paramref name="index"/>.</summary>
    public void StoreArg(int index)
    {
        Line(OpCodes.Starg_S, index.ToString());
        il.Emit(OpCodes.Starg_S, (byte)index);
    }

    /// <summary>An int constant in its shortest form.</summary>
    public void Int(int value)
    {
        switch (value)
        {
            case >= -1 and <= 8: Emit(ShortInts[value + 1]); break;
            case >= sbyte.MinValue and <= sbyte.MaxValue: Line(OpCodes.Ldc_I4_S, value.ToString()); il.Emit(OpCodes.Ldc_I4_S, (sbyte)value); break;
            default: Emit(OpCodes.Ldc_I4, value); break;
        }
    }

    private static readonly OpCode[] ShortInts =
    [
        OpCodes.Ldc_I4_M1, OpCodes.Ldc_I4_0, OpCodes.Ldc_I4_1, OpCodes.Ldc_I4_2, OpCodes.Ldc_I4_3,
        OpCodes.Ldc_I4_4, OpCodes.Ldc_I4_5, OpCodes.Ldc_I4_6, OpCodes.Ldc_I4_7, OpCodes.Ldc_I4_8,
    ];

    private string Name(Label label) => listing is not null && _labelNames.TryGetValue(label, out var name) ? name : "?";

    private void Line(OpCode op, string operand) =>
        listing?.Append("          IL_").Append(il.ILOffset.ToString("x4")).Append(": ").Append(op.Name)
            .Append(operand.Length > 0 ? " " + operand : "").AppendLine();
}

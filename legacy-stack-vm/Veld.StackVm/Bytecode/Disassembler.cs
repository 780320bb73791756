using System.Globalization;
using System.Text;
using Veld.Language.Syntax;
using Veld.Runtime;

namespace Veld.StackVm;

/// <summary>
/// Text form of compiled code, stable enough for snapshot tests and diffs. Per function: a header
/// (name, arity, locals, upvalues, stack, code bytes, line), its constants, then one instruction per
/// line: offset, source line (<c>|</c> when unchanged), mnemonic (<c>_W</c> for a wide variant), decoded
/// operands, and after <c>;</c> what they name (constant values, globals, types, jump targets).
/// Nested functions follow their parent; then hoisted functions, then methods.
/// </summary>
public static class Disassembler
{
    public static string Disassemble(StackProgram program)
    {
        var text = new StringBuilder();
        var names = new Names(program);
        AppendWithNested(text, program.Script, names);
        foreach (var fn in program.Hoisted)
        {
            text.Append('\n');
            AppendWithNested(text, fn.Chunk, names);
        }
        foreach (var type in program.Types)
            foreach (var method in type.Methods)
            {
                text.Append('\n');
                AppendWithNested(text, method, names, $"{type.Name}.");
            }
        return text.ToString();
    }

    private static void AppendWithNested(StringBuilder text, Chunk chunk, Names names, string prefix = "")
    {
        AppendChunk(text, chunk, names, prefix);
        foreach (var nested in chunk.Functions)
        {
            text.Append('\n');
            AppendWithNested(text, nested, names, prefix);
        }
    }

    /// <summary>One chunk alone (global and type names shown as indices only).</summary>
    public static string DisassembleChunk(Chunk chunk)
    {
        var text = new StringBuilder();
        AppendChunk(text, chunk, new Names(null), "");
        return text.ToString();
    }

    private static void AppendChunk(StringBuilder text, Chunk chunk, Names names, string prefix)
    {
        text.Append(CultureInfo.InvariantCulture,
            $"function {prefix}{chunk.Name} (arity {chunk.Arity}, locals {chunk.LocalCount}, upvalues {chunk.Upvalues.Length}, stack {chunk.MaxStack}, {chunk.Code.Length} bytes, line {chunk.Line})\n");
        if (chunk.Upvalues.Length > 0)
            text.Append("  captures ").AppendJoin(", ", chunk.Upvalues.Select(u => $"{u.Name} ({(u.IsLocal ? "local" : "upvalue")} {u.Index})")).Append('\n');
        text.Append(CultureInfo.InvariantCulture, $"  constants ({chunk.Constants.Length})\n");
        for (int i = 0; i < chunk.Constants.Length; i++)
            text.Append(CultureInfo.InvariantCulture, $"    {i,4}  {ShowConstant(chunk.Constants[i])}\n");
        text.Append("  code\n");
        int previousLine = -1;
        for (int offset = 0; offset < chunk.Code.Length;)
        {
            var (line, next) = Instruction(chunk, offset, names);
            int sourceLine = chunk.Lines.LineAt(offset);
            string lineColumn = sourceLine == previousLine ? "   |" : sourceLine.ToString(CultureInfo.InvariantCulture).PadLeft(4);
            previousLine = sourceLine;
            text.Append(CultureInfo.InvariantCulture, $"    {offset:D4} {lineColumn}  {line}\n");
            offset = next;
        }
    }

    /// <summary>Decode the instruction at <paramref name="offset"/>: its text and the next offset.</summary>
    public static (string Text, int Next) Instruction(Chunk chunk, int offset, Names names)
    {
        var code = chunk.Code;
        bool wide = code[offset] == (byte)OpCode.Wide;
        int at = wide ? offset + 1 : offset;
        var op = (OpCode)code[at++];
        var operands = new List<string>();
        var notes = new List<string>();
        int enumType = -1;
        foreach (char kind in OpCodeInfo.Operands(op))
        {
            int value;
            if (OpCodeInfo.IsJump(kind) || wide)
            {
                value = code[at] | code[at + 1] << 8;
                at += 2;
            }
            else value = code[at++];
            switch (kind)
            {
                case 'k': operands.Add(Num(value)); notes.Add(ShowConstant(chunk.Constants[value])); break;
                case 'g': operands.Add(Num(value)); notes.Add(names.Global(value)); break;
                case 't': operands.Add(Num(value)); notes.Add(names.Type(value)); enumType = value; break;
                case 'v': operands.Add(Num(value)); notes.Add(names.Variant(enumType, value)); break;
                case 'f': operands.Add(Num(value)); notes.Add($"<fn {chunk.Functions[value].Name}>"); break;
                case 'p':
                    var shape = chunk.Shapes[value];
                    operands.Add(Num(value));
                    notes.Add($"{shape.TypeName}({string.Join(", ", shape.FieldOfArgument.Select(f => names.Field(shape.TypeId, f)))})");
                    break;
                case 'c': operands.Add(Num(value)); notes.Add(((CastTarget)value).ToString().ToLowerInvariant()); break;
                case 'w': operands.Add(Num(value)); notes.Add(BoolContexts.Describe((BoolContext)value)); break;
                // A jump is the last operand, so `at` is the end of the instruction it is measured from.
                case 'j': operands.Add(Num(value)); notes.Add($"-> {at + value:D4}"); break;
                case 'b': operands.Add(Num(value)); notes.Add($"-> {at - value:D4}"); break;
                case 's':
                    operands.Add(Num(value));
                    if (chunk.LocalNames.TryGetValue(offset, out var local)) notes.Add(local);
                    break;
                case 'u': operands.Add(Num(value)); notes.Add(chunk.Upvalues[value].Name); break;
                default: operands.Add(Num(value)); break;
            }
        }
        if (op == OpCode.Closure)
        {
            var nested = chunk.Functions[int.Parse(operands[0], CultureInfo.InvariantCulture)];
            var captures = new List<string>();
            for (int i = 0; i < nested.Upvalues.Length; i++, at += 2)
                captures.Add($"{nested.Upvalues[i].Name} ({(code[at] != 0 ? "local" : "upvalue")} {code[at + 1]})");
            if (captures.Count > 0) notes.Add("captures " + string.Join(", ", captures));
        }
        var text = new StringBuilder(OpCodeInfo.Mnemonic(op) + (wide ? "_W" : ""));
        if (operands.Count > 0) text.Append(' ').AppendJoin(' ', operands);
        if (notes.Count > 0) text.Append(new string(' ', Math.Max(1, 24 - text.Length))).Append("; ").AppendJoin("  ", notes);
        return (text.ToString(), at);
    }

    private static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string ShowConstant(Value value) => value.AsObject switch
    {
        BuiltinFunction builtin => builtin.DisplayName,
        _ => Display.ShowNested(value),
    };

    /// <summary>Names of globals and types for the notes (indices only when no program is given).</summary>
    public sealed class Names(StackProgram? program)
    {
        public string Global(int index) =>
            program is not null && index < program.GlobalNames.Length ? program.GlobalNames[index] : $"global {index}";

        public string Type(int id) => program is not null && id < program.Types.Count ? program.Types[id].Name : $"type {id}";

        public string Variant(int typeId, int variant) =>
            program is not null && typeId >= 0 && typeId < program.Types.Count && program.Types[typeId].Variants is { } variants && variant < variants.Length
                ? variants[variant] : $"variant {variant}";

        public string Field(int typeId, int field) =>
            program is not null && typeId < program.Types.Count && program.Types[typeId].Fields is { } fields && field < fields.Length
                ? fields[field] : $"field {field}";
    }
}

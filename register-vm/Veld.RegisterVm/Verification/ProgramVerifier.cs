using Veld.Language.Syntax;
using Veld.Runtime;
using static Veld.RegisterVm.Instruction;

namespace Veld.RegisterVm;

/// <summary>Bytecode that the VM must not run, with where and why.</summary>
public sealed class BytecodeVerificationException(string message) : Exception(message);

/// <summary>
/// The structural verifier: every operand of every instruction is in range before the VM sees the
/// program. Registers below the frame size, constants of the kind the instruction needs, nested
/// protos, upvalues, globals, constructors, jump targets that land on an instruction (never on an
/// EXTRAARG word, never past the end), tests followed by their JMP, operand fields the VM never reads left
/// at zero (<see cref="UnusedOperands"/>), and no path that falls off the end of the code. The VM relies on
/// this to read its code array without bounds checks.
/// Register definedness is the <see cref="RegisterChecker"/>'s job.
/// </summary>
public static class ProgramVerifier
{
    /// <summary>Verify, or throw <see cref="BytecodeVerificationException"/>. One linear pass over each
    /// prototype's code, allocating nothing per instruction.</summary>
    public static void Verify(RegisterProgram program)
    {
        VerifyTables(program);
        var script = program.Script;
        if (script.ParamCount != 0 || script.Upvalues.Length != 0 || script.Captures.Length != 0)
            throw Fail(script, -1, "the script takes no parameters and captures nothing");
        foreach (var h in program.Hoisted) VerifyTopLevelProto(program, h.ProtoIndex, "hoisted function");
        foreach (var m in program.Methods) VerifyTopLevelProto(program, m.ProtoIndex, "method");

        var pending = new Stack<(FunctionProto Proto, FunctionProto? Parent)>();
        pending.Push((script, null));
        int visited = 0;
        while (pending.Count > 0)
        {
            var (proto, parent) = pending.Pop();
            if (++visited > 1_000_000) throw Fail(proto, -1, "too many prototypes");
            VerifyProto(program, proto, parent);
            foreach (var child in proto.Protos) pending.Push((child, proto));
        }
    }

    private static void VerifyTables(RegisterProgram program)
    {
        int globals = program.GlobalNames.Length;
        if (program.UserGlobalCount < 0 || program.UserGlobalCount > globals) throw Fail("user global count out of range");
        foreach (var h in program.Hoisted)
            if ((uint)h.GlobalIndex >= (uint)program.UserGlobalCount) throw Fail($"hoisted function in global {h.GlobalIndex}, out of range");
        for (int t = 0; t < program.Types.Length; t++)
        {
            var type = program.Types[t];
            if (type.Shape == TypeShape.Enum && type.PayloadArity.Length != type.Members.Length)
                throw Fail($"enum {type.Name}: {type.Members.Length} variants but {type.PayloadArity.Length} payload sizes");
            if (type.Shape == TypeShape.Enum && type.PayloadArity.Any(n => n < 0 || n > MaxC))
                throw Fail($"enum {type.Name}: payload size out of range");
            if (type.Shape == TypeShape.ErrorStruct && !type.Members.SequenceEqual(StructType.Error.FieldNames))
                throw Fail("the Error struct must have the fields kind, message, line");
        }
        foreach (var m in program.Methods)
        {
            if ((uint)m.TypeId >= (uint)program.Types.Length) throw Fail($"method {m.Name} of type {m.TypeId}, out of range");
            if ((uint)m.GlobalIndex >= (uint)globals) throw Fail($"method {m.Name} in global {m.GlobalIndex}, out of range");
            // The Error type is the runtime's single shared instance: a method on it would outlive the run.
            if (program.Types[m.TypeId].Shape == TypeShape.ErrorStruct) throw Fail($"method {m.Name} on the built-in Error struct");
        }
        foreach (var c in program.Constructors)
        {
            if ((uint)c.TypeId >= (uint)program.Types.Length) throw Fail($"constructor of type {c.TypeId}, out of range");
            var type = program.Types[c.TypeId];
            if (c.IsStruct)
            {
                if (type.Shape == TypeShape.Enum) throw Fail($"struct constructor of enum {type.Name}");
                if (c.ArgCount != type.Members.Length) throw Fail($"constructor of {type.Name} with {c.ArgCount} fields, the struct has {type.Members.Length}");
            }
            else
            {
                if (type.Shape != TypeShape.Enum) throw Fail($"variant constructor of struct {type.Name}");
                if (c.Variant >= type.Members.Length) throw Fail($"variant {c.Variant} of {type.Name}, out of range");
                if (c.ArgCount < 0 || c.ArgCount > MaxC) throw Fail($"variant constructor with {c.ArgCount} arguments");
            }
        }
    }

    private static void VerifyTopLevelProto(RegisterProgram program, int index, string what)
    {
        if ((uint)index >= (uint)program.Script.Protos.Length) throw Fail($"{what} proto {index}, out of range");
        if (program.Script.Protos[index] is { Upvalues.Length: not 0 } or { Captures.Length: not 0 })
            throw Fail($"{what} {program.Script.Protos[index].Name} captures upvalues");
    }

    private static void VerifyProto(RegisterProgram program, FunctionProto p, FunctionProto? parent)
    {
        if (p.MaxStack < 0 || p.MaxStack > RegisterAllocator.MaxRegisters) throw Fail(p, -1, $"frame size {p.MaxStack} out of range");
        if (p.ParamCount < 0 || p.ParamCount > p.MaxStack) throw Fail(p, -1, $"{p.ParamCount} parameters in a frame of {p.MaxStack}");
        if (p.Code.Length == 0) throw Fail(p, -1, "no code");
        if (p.Lines.Length != p.Code.Length) throw Fail(p, -1, "line table and code differ in length");
        if (p.Protos.Length > MaxBx + 1) throw Fail(p, -1, "too many nested protos");

        for (int index = 0; index < p.Upvalues.Length; index++)
        {
            var u = p.Upvalues[index];
            if (parent is null) throw Fail(p, -1, "a top-level proto has upvalues");
            if (u.InStack ? (uint)u.Index >= (uint)parent.MaxStack : (uint)u.Index >= (uint)parent.Upvalues.Length)
                throw Fail(p, -1, $"upvalue {index} ({u.Name}) refers to {(u.InStack ? "register" : "upvalue")} {u.Index} of {parent.Name}, out of range");
        }
        for (int index = 0; index < p.Captures.Length; index++)
        {
            var u = p.Captures[index];
            if (parent is null) throw Fail(p, -1, "a top-level proto captures values");
            if (u.InStack ? (uint)u.Index >= (uint)parent.MaxStack : (uint)u.Index >= (uint)parent.Captures.Length)
                throw Fail(p, -1, $"capture {index} ({u.Name}) refers to {(u.InStack ? "register" : "captured value")} {u.Index} of {parent.Name}, out of range");
        }
        foreach (var local in p.Locals)
            if ((uint)local.Register >= (uint)Math.Max(p.MaxStack, 1) || local.StartPc < 0 || local.EndPc < local.StartPc)
                throw Fail(p, -1, $"debug entry for local {local.Name} out of range");

        // One pass, instruction by instruction. Every word the pass does not decode as an instruction is the
        // EXTRAARG of the one before it (anything else fails), so, once the pass is through, a word starts an
        // instruction exactly when its opcode is not EXTRAARG: that is how a jump target is checked before the
        // pass reaches it.
        var code = p.Code;
        for (int pc = 0; pc < code.Length;)
        {
            uint word = code[pc];
            var op = OpcodeTable.Find(Op(word)) ?? throw Fail(p, pc, $"unknown opcode {(int)Op(word)}");
            if (op.IsOperandWord) throw Fail(p, pc, "EXTRAARG where an instruction is expected");
            var operands = new InstructionOperands(p, program, op, pc);
            if (operands.Length == 2 && (pc + 1 >= code.Length || Op(code[pc + 1]) != OpCode.ExtraArg))
                throw Fail(p, pc, "missing EXTRAARG");

            if (!RegisterReach.AllInFrame(op, word, p.MaxStack)) VerifyRegisters(p, pc, operands);
            if (UnusedOperands.NonZero(op, word) is { } field)
                throw Fail(p, pc, $"{op.Mnemonic}: operand {field} is not read and must be 0");
            foreach (var x in op.Indexes)
                if (operands.IsPresent(x.When)) VerifyIndex(program, p, pc, op.Mnemonic, x.Space, operands.IndexValue(x));

            int next = pc + operands.Length;
            if (op.FallsThrough) VerifyTarget(p, pc, next, "execution continues");
            if (op.Jump != JumpField.None) VerifyTarget(p, pc, operands.JumpTarget(pc), "jump");
            if (op.FollowedByJmp)
            {
                if (next >= code.Length || Op(code[next]) != OpCode.Jmp) throw Fail(p, pc, "a test must be followed by a JMP");
                VerifyTarget(p, pc, next + 1, "a test skips its JMP");
            }
            pc = next;
        }
    }

    private static void VerifyTarget(FunctionProto p, int pc, int target, string what)
    {
        if ((uint)target >= (uint)p.Code.Length) throw Fail(p, pc, $"{what} to {target}, outside the code");
        if (Op(p.Code[target]) == OpCode.ExtraArg) throw Fail(p, pc, $"{what} to {target}, the middle of an instruction");
    }

    private static void VerifyRegisters(FunctionProto p, int pc, in InstructionOperands operands)
    {
        var op = operands.Opcode;
        // A count that lives in the program and is out of range is reported before any register range.
        string? error = null;
        foreach (var read in op.Reads)
            if (read.Count is RegisterCount.ConstructorArity or RegisterCount.TemplateHoles or RegisterCount.MethodSiteArity)
                operands.Resolve(read, ref error);
        if (error is not null) throw Fail(p, pc, error);
        foreach (var read in op.Reads) VerifyInFrame(p, pc, operands.Resolve(read, ref error));
        VerifyInFrame(p, pc, operands.Resolve(op.Write, ref error));
        VerifyInFrame(p, pc, operands.Resolve(op.JumpWrite, ref error));
        VerifyInFrame(p, pc, operands.Resolve(op.FallWrite, ref error));
        VerifyInFrame(p, pc, operands.Resolve(op.ReservedSlot, ref error));
        if (operands.ClobberFrom >= p.MaxStack) throw Fail(p, pc, $"call window at r{operands.ClobberFrom} outside the frame of {p.MaxStack}");
    }

    /// <summary>An empty range must start inside the frame too (at most at its end): the VM still takes a span
    /// there (NEWARRAY of no elements, a call of no arguments), and a span past the register file is a crash.</summary>
    private static void VerifyInFrame(FunctionProto p, int pc, RegisterRange range)
    {
        if (range.End > p.MaxStack)
            throw Fail(p, pc, $"register {range} outside the frame of {p.MaxStack}");
    }

    /// <summary>One non-register operand: a constant (and its kind), upvalue, global, proto, constructor or context.</summary>
    private static void VerifyIndex(RegisterProgram program, FunctionProto p, int pc, string name, IndexSpace space, int index)
    {
        switch (space)
        {
            case IndexSpace.Constant or IndexSpace.Template or IndexSpace.MethodSite:
                VerifyConstant(p, pc, name, index, ConstantKind.Any);
                break;
            case IndexSpace.Builtin: VerifyConstant(p, pc, name, index, ConstantKind.Builtin); break;
            case IndexSpace.ConstantTuple: VerifyConstant(p, pc, name, index, ConstantKind.Tuple); break;
            case IndexSpace.ConstantRange: VerifyConstant(p, pc, name, index, ConstantKind.Range); break;
            case IndexSpace.Name: VerifyConstant(p, pc, name, index, ConstantKind.String); break;
            case IndexSpace.Global:
                if ((uint)index >= (uint)program.GlobalNames.Length) throw Fail(p, pc, $"{name}: global {index} out of range");
                break;
            case IndexSpace.Upvalue:
                if ((uint)index >= (uint)p.Upvalues.Length) throw Fail(p, pc, $"{name}: upvalue {index} out of range ({p.Upvalues.Length} upvalues)");
                break;
            case IndexSpace.Capture:
                if ((uint)index >= (uint)p.Captures.Length) throw Fail(p, pc, $"{name}: captured value {index} out of range ({p.Captures.Length} captured)");
                break;
            case IndexSpace.Proto:
                if ((uint)index >= (uint)p.Protos.Length) throw Fail(p, pc, $"{name}: proto {index} out of range");
                break;
            case IndexSpace.StructConstructor: VerifyConstructor(program, p, pc, name, index, isStruct: true); break;
            case IndexSpace.VariantConstructor: VerifyConstructor(program, p, pc, name, index, isStruct: false); break;
            case IndexSpace.BoolContext:
                if ((uint)index >= (uint)BoolContexts.Count) throw Fail(p, pc, $"{name}: context {index} out of range");
                break;
            case IndexSpace.CastTarget:
                if ((uint)index > (uint)CastTarget.Bool) throw Fail(p, pc, $"{name}: cast target {index} out of range");
                break;
            case IndexSpace.TupleElement: break; // any element number: a wrong one is a runtime error
        }
    }

    /// <summary>What a constant operand must hold.</summary>
    private enum ConstantKind { Any, Builtin, Tuple, Range, String }

    private static void VerifyConstant(FunctionProto p, int pc, string name, int index, ConstantKind kind)
    {
        if ((uint)index >= (uint)p.Constants.Length) throw Fail(p, pc, $"{name}: constant {index} out of range");
        var value = p.Constants[index].AsObject;
        bool fits = kind switch
        {
            ConstantKind.Builtin => value is BuiltinFunction,
            ConstantKind.Tuple => value is VeldTuple,
            ConstantKind.Range => value is VeldRange,
            ConstantKind.String => value is VeldString,
            _ => true,
        };
        if (!fits) throw Fail(p, pc, $"{name}: constant {index} has the wrong kind");
    }

    private static void VerifyConstructor(RegisterProgram program, FunctionProto p, int pc, string name, int index, bool isStruct)
    {
        if ((uint)index >= (uint)program.Constructors.Length) throw Fail(p, pc, $"{name}: constructor {index} out of range");
        if (program.Constructors[index].IsStruct != isStruct)
            throw Fail(p, pc, $"{name}: constructor {index} is not {(isStruct ? "a struct" : "an enum variant")}");
    }

    private static BytecodeVerificationException Fail(string message) => new($"invalid register program: {message}");

    private static BytecodeVerificationException Fail(FunctionProto p, int pc, string message) =>
        new(pc < 0 ? $"invalid register bytecode in {p.Name}: {message}" : $"invalid register bytecode in {p.Name} at pc {pc}: {message}");
}

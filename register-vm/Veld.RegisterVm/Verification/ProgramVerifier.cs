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
    /// <summary>Verify, or throw <see cref="BytecodeVerificationException"/>. Returns each prototype's decoded
    /// instructions (<see cref="InstructionFacts.OfEvery"/>), so that the checker does not decode them again.</summary>
    public static IReadOnlyDictionary<FunctionProto, InstructionFacts[]> Verify(RegisterProgram program)
    {
        VerifyTables(program);
        var script = program.Script;
        if (script.ParamCount != 0 || script.Upvalues.Length != 0)
            throw Fail(script, -1, "the script takes no parameters and captures nothing");
        foreach (var h in program.Hoisted) VerifyTopLevelProto(program, h.ProtoIndex, "hoisted function");
        foreach (var m in program.Methods) VerifyTopLevelProto(program, m.ProtoIndex, "method");

        var factsOf = new Dictionary<FunctionProto, InstructionFacts[]>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<(FunctionProto Proto, FunctionProto? Parent)>();
        pending.Push((script, null));
        int visited = 0;
        while (pending.Count > 0)
        {
            var (proto, parent) = pending.Pop();
            if (++visited > 1_000_000) throw Fail(proto, -1, "too many prototypes");
            factsOf[proto] = VerifyProto(program, proto, parent);
            foreach (var child in proto.Protos) pending.Push((child, proto));
        }
        return factsOf;
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
        if (program.Script.Protos[index].Upvalues.Length != 0) throw Fail($"{what} {program.Script.Protos[index].Name} captures upvalues");
    }

    private static InstructionFacts[] VerifyProto(RegisterProgram program, FunctionProto p, FunctionProto? parent)
    {
        if (p.MaxStack < 0 || p.MaxStack > RegisterAllocator.MaxRegisters) throw Fail(p, -1, $"frame size {p.MaxStack} out of range");
        if (p.ParamCount < 0 || p.ParamCount > p.MaxStack) throw Fail(p, -1, $"{p.ParamCount} parameters in a frame of {p.MaxStack}");
        if (p.Code.Length == 0) throw Fail(p, -1, "no code");
        if (p.Lines.Length != p.Code.Length) throw Fail(p, -1, "line table and code differ in length");
        if (p.Protos.Length > MaxBx + 1) throw Fail(p, -1, "too many nested protos");

        foreach (var (u, index) in p.Upvalues.Select((u, n) => (u, n)))
        {
            if (parent is null) throw Fail(p, -1, "a top-level proto has upvalues");
            if (u.InStack ? (uint)u.Index >= (uint)parent.MaxStack : (uint)u.Index >= (uint)parent.Upvalues.Length)
                throw Fail(p, -1, $"upvalue {index} ({u.Name}) refers to {(u.InStack ? "register" : "upvalue")} {u.Index} of {parent.Name}, out of range");
        }
        foreach (var local in p.Locals)
            if ((uint)local.Register >= (uint)Math.Max(p.MaxStack, 1) || local.StartPc < 0 || local.EndPc < local.StartPc)
                throw Fail(p, -1, $"debug entry for local {local.Name} out of range");

        // First pass: where instructions start (EXTRAARG words are operands, not instructions, and get no facts).
        var factsAt = InstructionFacts.OfEvery(p, program);
        bool IsStart(int pc) => factsAt[pc].Length > 0;
        for (int pc = 0; pc < p.Code.Length; pc += factsAt[pc].Length)
        {
            var facts = factsAt[pc];
            if (facts.Error is not null) throw Fail(p, pc, facts.Error);
            if (facts.Length == 2 && (pc + 1 >= p.Code.Length || Op(p.Code[pc + 1]) != OpCode.ExtraArg))
                throw Fail(p, pc, "missing EXTRAARG");
        }

        for (int pc = 0; pc < p.Code.Length; pc++)
        {
            if (!IsStart(pc)) continue;
            var facts = factsAt[pc];
            VerifyRegisters(p, pc, facts);
            if (UnusedOperands.NonZero(facts.Opcode!, p.Code[pc]) is { } field)
                throw Fail(p, pc, $"{facts.Opcode!.Mnemonic}: operand {field} is not read and must be 0");
            VerifyIndexes(program, p, pc, facts);
            int next = pc + facts.Length;

            void Target(int target, string what)
            {
                if ((uint)target >= (uint)p.Code.Length) throw Fail(p, pc, $"{what} to {target}, outside the code");
                if (!IsStart(target)) throw Fail(p, pc, $"{what} to {target}, the middle of an instruction");
            }

            if (facts.FallsThrough) Target(next, "execution continues");
            if (facts.HasJump) Target(facts.Jump, "jump");
            if (facts.IsTest)
            {
                if (next >= p.Code.Length || Op(p.Code[next]) != OpCode.Jmp) throw Fail(p, pc, "a test must be followed by a JMP");
                Target(next + 1, "a test skips its JMP");
            }
        }
        return factsAt;
    }

    private static void VerifyRegisters(FunctionProto p, int pc, InstructionFacts facts)
    {
        foreach (var range in facts.Reads) VerifyInFrame(p, pc, range);
        VerifyInFrame(p, pc, facts.Write);
        VerifyInFrame(p, pc, facts.JumpWrite);
        VerifyInFrame(p, pc, facts.FallWrite);
        VerifyInFrame(p, pc, facts.ReservedSlot);
        if (facts.ClobberFrom >= p.MaxStack) throw Fail(p, pc, $"call window at r{facts.ClobberFrom} outside the frame of {p.MaxStack}");
    }

    private static void VerifyInFrame(FunctionProto p, int pc, RegisterRange range)
    {
        if (range.Count > 0 && range.End > p.MaxStack)
            throw Fail(p, pc, $"register {range} outside the frame of {p.MaxStack}");
    }

    /// <summary>The non-register operands: constants (and their kinds), upvalues, globals, protos, constructors, contexts.</summary>
    private static void VerifyIndexes(RegisterProgram program, FunctionProto p, int pc, InstructionFacts facts)
    {
        string name = facts.Opcode!.Mnemonic;
        void Constant(int index, Func<Value, bool>? kind = null)
        {
            if ((uint)index >= (uint)p.Constants.Length) throw Fail(p, pc, $"{name}: constant {index} out of range");
            if (kind is not null && !kind(p.Constants[index])) throw Fail(p, pc, $"{name}: constant {index} has the wrong kind");
        }
        void Constructor(int index, bool isStruct)
        {
            if ((uint)index >= (uint)program.Constructors.Length) throw Fail(p, pc, $"{name}: constructor {index} out of range");
            if (program.Constructors[index].IsStruct != isStruct)
                throw Fail(p, pc, $"{name}: constructor {index} is not {(isStruct ? "a struct" : "an enum variant")}");
        }

        foreach (var (space, index) in facts.Indexes)
        {
            switch (space)
            {
                case IndexSpace.Constant or IndexSpace.Template or IndexSpace.MethodSite: Constant(index); break;
                case IndexSpace.Builtin: Constant(index, v => v.AsObject is BuiltinFunction); break;
                case IndexSpace.ConstantTuple: Constant(index, v => v.AsObject is VeldTuple); break;
                case IndexSpace.ConstantRange: Constant(index, v => v.AsObject is VeldRange); break;
                case IndexSpace.Name: Constant(index, v => v.AsObject is VeldString); break;
                case IndexSpace.Global:
                    if ((uint)index >= (uint)program.GlobalNames.Length) throw Fail(p, pc, $"{name}: global {index} out of range");
                    break;
                case IndexSpace.Upvalue:
                    if ((uint)index >= (uint)p.Upvalues.Length) throw Fail(p, pc, $"{name}: upvalue {index} out of range ({p.Upvalues.Length} upvalues)");
                    break;
                case IndexSpace.Proto:
                    if ((uint)index >= (uint)p.Protos.Length) throw Fail(p, pc, $"{name}: proto {index} out of range");
                    break;
                case IndexSpace.StructConstructor: Constructor(index, isStruct: true); break;
                case IndexSpace.VariantConstructor: Constructor(index, isStruct: false); break;
                case IndexSpace.BoolContext:
                    if ((uint)index >= (uint)BoolContexts.Count) throw Fail(p, pc, $"{name}: context {index} out of range");
                    break;
                case IndexSpace.CastTarget:
                    if ((uint)index > (uint)CastTarget.Bool) throw Fail(p, pc, $"{name}: cast target {index} out of range");
                    break;
                case IndexSpace.TupleElement: break; // any element number: a wrong one is a runtime error
            }
        }
    }

    private static BytecodeVerificationException Fail(string message) => new($"invalid register program: {message}");

    private static BytecodeVerificationException Fail(FunctionProto p, int pc, string message) =>
        new(pc < 0 ? $"invalid register bytecode in {p.Name}: {message}" : $"invalid register bytecode in {p.Name} at pc {pc}: {message}");
}

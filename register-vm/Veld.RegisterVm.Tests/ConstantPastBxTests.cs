using static Veld.RegisterVm.Instruction;

namespace Veld.RegisterVm.Tests;

/// <summary>
/// LOADKX, the load of a constant whose index does not fit LOADK's 17-bit Bx: a function needs more than
/// 131,072 constants before the compiler emits it, which no corpus or generated program has, so the test
/// builds that function by hand (a compiled function with its code and constant table replaced) and runs
/// it through the verifier and the VM.
/// </summary>
public class ConstantPastBxTests
{
    [Fact]
    public void LoadKX_reads_the_constant_its_ExtraArg_names()
    {
        var program = CompileRegister("fn f(a, b) a + b end\nf(1, 2)");
        int far = MaxBx + 1;
        var constants = Enumerable.Range(0, far + 1).Select(i => Value.FromInt(i)).ToArray();
        constants[far] = Value.FromString("far");
        var f = program.Script.Protos.Single(p => p.Name == "f");
        uint[] code = [ABC(OpCode.LoadKX, 2, 0, 0), Ax(OpCode.ExtraArg, far), ABC(OpCode.Return, 2, 0, 0)];
        var edited = new FunctionProto
        {
            Name = f.Name, Line = f.Line, ParamCount = f.ParamCount, MaxStack = 3, Code = code,
            Lines = [f.Line, f.Line, f.Line], Constants = constants, Protos = f.Protos, Upvalues = f.Upvalues, Captures = f.Captures, Locals = [],
        };
        var script = program.Script;
        var replaced = new RegisterProgram
        {
            Script = new FunctionProto
            {
                Name = script.Name, Line = script.Line, ParamCount = 0, MaxStack = script.MaxStack, Code = script.Code,
                Lines = script.Lines, Constants = script.Constants, Protos = [.. script.Protos.Select(p => p == f ? edited : p)],
                Upvalues = script.Upvalues, Captures = script.Captures, Locals = script.Locals,
            },
            GlobalNames = program.GlobalNames, UserGlobalCount = program.UserGlobalCount, Hoisted = program.Hoisted,
            Types = program.Types, Methods = program.Methods, Constructors = program.Constructors,
        };

        Assert.Empty(RegisterChecker.Check(replaced));
        var outcome = TierHost.Execute("register", RegisterVmTier.Load(replaced), new RunOptions(), compileMs: null);

        Assert.Equal(OutcomeKind.Success, outcome.Kind);
        Assert.Equal("far", outcome.Result.As<VeldString>().Text);
    }
}

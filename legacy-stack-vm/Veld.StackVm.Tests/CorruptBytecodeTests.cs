using Veld.Runtime;

namespace Veld.StackVm.Tests;

/// <summary>
/// The dispatch loop's defensive throws, which no compiled program reaches (the compiler never emits
/// an unknown opcode or a WIDE prefix on an instruction without a wide variant, and the resolver proves
/// every static method exists): on hand-corrupted code each fails loudly as an internal error instead
/// of running on with a wrong value.
/// </summary>
public class CorruptBytecodeTests
{
    [Fact]
    public void An_unknown_opcode_is_an_internal_error_naming_it()
    {
        var error = RunWithScript("1", script => Rebuild(script, code: [250, (byte)OpCode.Return]));
        Assert.Contains("bad opcode 250 at 0 in script", error);
    }

    [Fact]
    public void A_wide_prefix_on_an_instruction_without_a_wide_variant_is_an_internal_error()
    {
        var error = RunWithScript("1", script => Rebuild(script, code: [(byte)OpCode.Wide, (byte)OpCode.Pop, 0, 0, (byte)OpCode.Return]));
        Assert.Contains("Pop has no wide variant", error);
    }

    [Fact]
    public void A_static_call_of_a_method_the_type_lacks_is_an_internal_error()
    {
        const string source = "struct P(x: int);\nimpl P\n    fn make() => P(x: 1)\nend\nP.make()";
        var error = RunWithScript(source, script =>
        {
            var constants = (Value[])script.Constants.Clone();
            int name = Array.FindIndex(constants, v => v.Kind == ValueKind.Str && v.As<VeldString>().Text == "make");
            Assert.True(name >= 0, "the script names the static method in its constants");
            constants[name] = Value.FromString("nope");
            return Rebuild(script, constants: constants);
        });
        Assert.Contains("type P has no method 'nope'", error);
    }

    /// <summary>Compile <paramref name="source"/>, swap in the corrupted script chunk, run it, and return
    /// the internal error's message (the run must end in one).</summary>
    private static string RunWithScript(string source, Func<Chunk, Chunk> corrupt)
    {
        var program = Veld.Compile(source);
        var corrupted = new StackProgram(corrupt(program.Script), program.Hoisted, program.Types, program.GlobalNames);
        var outcome = TierHost.Execute("stack", new StackExecutable(corrupted), new RunOptions(), compileMs: null);
        Assert.Equal(OutcomeKind.InternalError, outcome.Kind);
        return outcome.Error!.Message;
    }

    private static Chunk Rebuild(Chunk chunk, byte[]? code = null, Value[]? constants = null) => new()
    {
        Name = chunk.Name, Line = chunk.Line, Arity = chunk.Arity, HasSelf = chunk.HasSelf, LocalCount = chunk.LocalCount,
        MaxStack = chunk.MaxStack, Code = code ?? chunk.Code, Constants = constants ?? chunk.Constants, Lines = chunk.Lines,
        Functions = chunk.Functions, Upvalues = chunk.Upvalues, Shapes = chunk.Shapes, LocalNames = chunk.LocalNames,
    };
}

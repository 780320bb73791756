using System.Text;

namespace Veld.StackVm.Tests;

/// <summary>The byte encoding: operand widths, WIDE variants, jump offsets, the opcode table.</summary>
public class EncodingTests
{
    [Fact]
    public void Every_opcode_has_a_mnemonic_and_decodable_operands()
    {
        var mnemonics = new HashSet<string>();
        foreach (OpCode op in Enum.GetValues<OpCode>())
        {
            Assert.True(mnemonics.Add(OpCodeInfo.Mnemonic(op)), $"duplicate mnemonic for {op}");
            Assert.All(OpCodeInfo.Operands(op), c => Assert.Contains(c, "ksugtvfpncwjb"));
        }
        Assert.Equal(Enum.GetValues<OpCode>().Length, OpCodeInfo.Count);
    }

    [Fact]
    public void Small_operands_take_one_byte()
    {
        var chunk = Veld.Compile("let x = 5\nx").Script;
        // CONST 0, STORE_GLOBAL 0, LOAD_GLOBAL 0, RETURN
        Assert.Equal(new byte[] { (byte)OpCode.Const, 0, (byte)OpCode.StoreGlobal, 0, (byte)OpCode.LoadGlobal, 0, (byte)OpCode.Return }, chunk.Code);
    }

    [Fact]
    public void Operands_past_255_use_the_wide_variant()
    {
        // 300 distinct constants and 300 globals: the later ones need two-byte operands.
        var source = new StringBuilder();
        for (int i = 0; i < 300; i++) source.Append($"let g{i} = {i * 7}\n");
        source.Append("(g0, g299, [");
        for (int i = 0; i < 300; i++) source.Append(i).Append(", ");
        source.Append("300].len())");

        var program = Veld.Compile(source.ToString());
        CodeVerifier.Verify(program.Script);
        var text = Disassembler.Disassemble(program);
        Assert.Contains("CONST_W 299", text);
        Assert.Contains("STORE_GLOBAL_W 299", text);
        Assert.Contains("LOAD_GLOBAL_W 299", text);
        Assert.Contains("NEW_ARRAY_W 301", text);
        Assert.Equal("(0, 2093, 301)", Veld.Result(source.ToString()));
    }

    [Fact]
    public void Jumps_are_sixteen_bit_offsets_from_the_end_of_the_instruction()
    {
        var chunk = Veld.Compile("var i = 0\nwhile i < 2 do i += 1 end").Script;
        var text = Disassembler.DisassembleChunk(chunk);
        // The loop jumps back to the condition at offset 4 and the exit lands after the LOOP.
        Assert.Contains("LOOP 18                 ; -> 0004", text);
        Assert.Contains("JUMP_IF_FALSE 10        ; -> 0022", text);
    }

    [Fact]
    public void Code_bytes_are_the_sum_over_all_functions()
    {
        var program = Veld.Compile("fn f(x) => x + 1\nlet g = y => y * 2\nf(g(1))");
        long expected = program.AllChunks().Sum(c => c.Code.Length);
        Assert.Equal(3, program.AllChunks().Count());
        Assert.Equal(expected, program.CodeBytes);
        Assert.Equal(expected, Veld.Ok("fn f(x) => x + 1\nlet g = y => y * 2\nf(g(1))").Metrics.CodeBytes);
    }
}

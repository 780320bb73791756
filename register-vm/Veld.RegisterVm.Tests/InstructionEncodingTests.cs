using static Veld.RegisterVm.Instruction;

namespace Veld.RegisterVm.Tests;

/// <summary>The bit layout of one instruction word (the table at the top of Instruction.cs).</summary>
public class InstructionEncodingTests
{
    [Theory]
    [InlineData(OpCode.Add, 0, 0, 0, false)]
    [InlineData(OpCode.Move, 255, 255, 255, true)]
    [InlineData(OpCode.ExtraArg, 17, 200, 3, true)]
    [InlineData(OpCode.SetGeK, 1, 2, 254, false)]
    public void AbcFieldsRoundTrip(OpCode op, int a, int b, int c, bool k)
    {
        uint i = ABC(op, a, b, c, k);
        Assert.Equal(op, Op(i));
        Assert.Equal(a, A(i));
        Assert.Equal(b, B(i));
        Assert.Equal(c, C(i));
        Assert.Equal(k, K(i));
    }

    [Fact]
    public void FieldsSitWhereTheLayoutSays()
    {
        // op in bits 0-6, A in 7-14, k in 15, B in 16-23, C in 24-31.
        Assert.Equal(0x7Fu, ABC((OpCode)0x7F, 0, 0, 0));
        Assert.Equal(0xFFu << 7, ABC(0, 0xFF, 0, 0));
        Assert.Equal(1u << 15, ABC(0, 0, 0, 0, k: true));
        Assert.Equal(0xFFu << 16, ABC(0, 0, 0xFF, 0));
        Assert.Equal(0xFFu << 24, ABC(0, 0, 0, 0xFF));
        Assert.Equal((uint)MaxBx << 15, ABx(0, 0, MaxBx));
        Assert.Equal((uint)MaxAx << 7, Ax(0, MaxAx));
    }

    [Theory]
    [InlineData(MinSBx)]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(MaxSBx)]
    public void SignedBxIsExcessK(int v)
    {
        uint i = AsBx(OpCode.LoadI, 3, v);
        Assert.Equal(v, SBx(i));
        Assert.Equal(3, A(i));
        Assert.Equal(v + OffsetSBx, Bx(i));
    }

    [Theory]
    [InlineData(MinSJ)]
    [InlineData(-5)]
    [InlineData(0)]
    [InlineData(MaxSJ)]
    public void JumpOffsetsRoundTrip(int offset)
    {
        Assert.Equal(offset, SJOf(SJ(OpCode.Jmp, offset)));
        Assert.Equal(offset, SJOf(WithJump(SJ(OpCode.Jmp, 0), offset)));
    }

    [Fact]
    public void PatchingALoopJumpKeepsItsRegister()
    {
        uint i = WithJump(AsBx(OpCode.ForLoop, 9, 0), -12);
        Assert.Equal(OpCode.ForLoop, Op(i));
        Assert.Equal(9, A(i));
        Assert.Equal(-12, SBx(i));
    }

    [Fact]
    public void EightBitImmediatesAreExcess127()
    {
        Assert.Equal(-127, SC(ABC(OpCode.AddI, 0, 0, 0)));
        Assert.Equal(128, SC(ABC(OpCode.AddI, 0, 0, 255)));
        Assert.Equal(0, SB(ABC(OpCode.EqI, 0, OffsetSC, 0)));
        Assert.True(FitsSC(-127) && FitsSC(128) && !FitsSC(-128) && !FitsSC(129));
    }

    [Fact]
    public void OpcodesFitSevenBits() => Assert.True(Enum.GetValues<OpCode>().Max(o => (int)o) < 128);
}

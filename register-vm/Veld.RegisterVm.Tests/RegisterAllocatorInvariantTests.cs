namespace Veld.RegisterVm.Tests;

/// <summary>
/// The allocator's invariant checks, which turn a compiler bug into an internal error that says what went
/// wrong (the compiler never trips them, so only these tests show the messages are right).
/// </summary>
public class RegisterAllocatorInvariantTests
{
    [Fact]
    public void CodeThatLeavesTemporariesBehindIsReportedWithTheirRegisters()
    {
        var regs = new RegisterAllocator();
        regs.AllocTemp();
        var snapshot = regs.Save();
        regs.AllocTemp();
        regs.AllocTemp();
        var e = Assert.Throws<InvalidOperationException>(() => regs.EnsureAt(snapshot, "a match arm"));
        Assert.Equal("register allocator: a match arm left r1..r2 in a different state than it found them", e.Message);
    }

    [Fact]
    public void CodeThatLeavesTheAllocationAsItFoundItPasses()
    {
        var regs = new RegisterAllocator();
        regs.AllocTemp();
        var snapshot = regs.Save();
        int t = regs.AllocTemp();
        regs.FreeTemp(t);
        regs.EnsureAt(snapshot, "a branch");
        Assert.True(regs.IsAt(snapshot));
    }

    [Fact]
    public void ATemporaryOfAnEnclosingScopeCannotBeFreedInsideAnInnerOne()
    {
        var regs = new RegisterAllocator();
        regs.EnterScope();
        regs.DeclareLocal("x");
        int outer = regs.AllocTemp();
        regs.EnterScope();
        var e = Assert.Throws<InvalidOperationException>(() => regs.FreeTemp(outer));
        Assert.Equal("register allocator: temporary r1 belongs to an enclosing scope (this one starts at r2)", e.Message);
    }
}

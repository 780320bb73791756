namespace Veld.RegisterVm.Tests;

/// <summary>Where the register checker runs (<see cref="RegisterChecking"/>): by default on every compile of the
/// register tier, so the corpus tests, the differential harness and the fuzzers prove every program they compile;
/// a tier told not to check still verifies and produces the same program.</summary>
public class RegisterCheckingTests
{
    private const string Source = """
        fn f(n)
            let a = n * 2
            a + 1
        end
        println(f(20))
        """;

    [Fact]
    public void A_tier_that_names_no_setting_checks_registers()
    {
        // The differential registry, the fuzz targets and these tests all create the tier this way.
        Assert.True(RegisterChecking.ProcessDefault);
        Assert.True(new RegisterVmTier().ChecksRegisters);
        Assert.True(new RegisterVmTier(OptimizationSettings.AllOn).ChecksRegisters);
    }

    [Fact]
    public void An_explicit_setting_wins_over_the_process_default()
    {
        Assert.False(new RegisterVmTier(checkRegisters: false).ChecksRegisters);
        Assert.True(new RegisterVmTier(checkRegisters: true).ChecksRegisters);
    }

    [Fact]
    public void Checked_and_unchecked_compiles_give_the_same_program_and_output()
    {
        var program = Check(Source);
        var checkedCode = ((RegisterExecutable)new RegisterVmTier(checkRegisters: true).Compile(program)).Program;
        var uncheckedCode = ((RegisterExecutable)new RegisterVmTier(checkRegisters: false).Compile(program)).Program;
        Assert.Equal(Disassembler.Disassemble(checkedCode), Disassembler.Disassemble(uncheckedCode));
        Assert.Equal("41\n", TierHost.Run(new RegisterVmTier(checkRegisters: false), program, new RunOptions()).Stdout);
    }
}

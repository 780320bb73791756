namespace Veld.RegisterVm;

/// <summary>
/// Whether a register compilation is also proven by the <see cref="RegisterChecker"/>. The checker verifies the
/// compiler's register allocation: a tool that finds compiler bugs, not a guard the VM relies on (the VM's
/// unchecked code reads rest on the <see cref="ProgramVerifier"/>, which runs on every compile). So it runs
/// wherever programs are verified — tests, <c>veld diff</c>, <c>veld fuzz</c>, the fuzz targets, CI, and every
/// <c>.veldc</c> file written or loaded — and not in <c>veld run</c> or <c>veld bench</c> unless they are given
/// <c>--check-registers</c>, where it would be a quarter of the compile time spent re-proving a tested compiler.
/// </summary>
public static class RegisterChecking
{
    /// <summary>What register tiers that name no setting do: on unless a command (run, bench) switches it off for
    /// its whole process, before anything compiles.</summary>
    public static bool ProcessDefault { get; set; } = true;
}

namespace Veld.RegisterVm;

/// <summary>
/// The tier a dispatch loop runs for. <see cref="RegisterMachine"/>'s Run is generic over a struct of this
/// interface, so .NET compiles it once per tier: the register tier's loop has no tier-up tests at frame entries,
/// back-edges and calls, and each tier's loop gathers its own profile (PGO) and gets its own register allocation.
/// </summary>
internal interface IDispatchTier
{
    /// <summary>True when the machine has a <see cref="TierUp"/> hook (the JIT tier): the loop reports heat and
    /// enters compiled code.</summary>
    static abstract bool TiersUp { get; }
}

/// <summary>The register tier: interpret only.</summary>
internal readonly struct InterpretOnly : IDispatchTier
{
    public static bool TiersUp => false;
}

/// <summary>The JIT tier: interpret, report heat, and run hot functions as compiled code.</summary>
internal readonly struct InterpretAndTierUp : IDispatchTier
{
    public static bool TiersUp => true;
}

namespace Veld.Jit;

/// <summary>How compiled code keeps a register: in the VM's register stack as a <c>Value</c>, or unboxed in an IL local.</summary>
internal enum RegisterKind : byte
{
    /// <summary>In the register stack, any value.</summary>
    Boxed,
    /// <summary>A <c>long</c> local.</summary>
    Int,
    /// <summary>A <c>double</c> local.</summary>
    Float,
    /// <summary>A <c>bool</c> local.</summary>
    Bool,
}

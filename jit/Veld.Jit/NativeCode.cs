using System.Diagnostics;
using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;

namespace Veld.Jit;

/// <summary>
/// Makes .NET compile a finished <see cref="DynamicMethod"/> to machine code now, on the calling thread, instead of at
/// its first call. A dynamic method has no public handle (<c>MethodHandle</c> throws), but its internal method
/// descriptor is a <see cref="RuntimeMethodHandle"/> that <see cref="RuntimeHelpers.PrepareMethod(RuntimeMethodHandle)"/>
/// compiles. That lets the JIT's time be measured apart from emission, and lets a background thread pay it.
/// Where the runtime lacks the descriptor, nothing is forced: the method compiles at its first call, as before.
/// </summary>
internal static class NativeCode
{
    private static readonly MethodInfo? Descriptor =
        typeof(DynamicMethod).GetMethod("GetMethodDescriptor", BindingFlags.Instance | BindingFlags.NonPublic, Type.EmptyTypes);

    /// <summary>Whether <see cref="Prepare"/> really compiles (false: the first call will).</summary>
    public static bool CanPrepare => Descriptor?.ReturnType == typeof(RuntimeMethodHandle);

    /// <summary>Compile <paramref name="method"/> (its IL complete) to machine code; the milliseconds it took (0 when not forced).</summary>
    public static double Prepare(DynamicMethod method)
    {
        if (!CanPrepare) return 0;
        var clock = Stopwatch.StartNew();
        RuntimeHelpers.PrepareMethod((RuntimeMethodHandle)Descriptor!.Invoke(method, null)!);
        return clock.Elapsed.TotalMilliseconds;
    }
}

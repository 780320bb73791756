using System.Buffers.Binary;
using Veld.Language;
using Veld.RegisterVm;
using Veld.Runtime;

namespace Veld.Fuzzing.Afl;

/// <summary>
/// What one fuzz input exercises. A target returns normally for every expected outcome (a compile error, a
/// rejected file, a Veld runtime error or a limit) and throws for anything else, which AFL++ records as a
/// crash: an exception escaping the front end, the loader accepting a file the VM then fails on, a run
/// ending in an internal error.
/// </summary>
public static class FuzzTargets
{
    /// <summary>Small limits, so each input costs milliseconds and a runaway program is not a hang.</summary>
    private static readonly RunOptions Limits = new()
    {
        Fuel = 20_000, Timeout = TimeSpan.FromSeconds(2), MaxCallDepth = 200, MaxMemory = 256L << 20,
    };

    /// <summary>Source bytes through the lexer, parser and resolver, then (if they compile) the register VM.</summary>
    public static void FrontEnd(byte[] input)
    {
        var compiled = VeldCompiler.Compile(Source.FromBytes("fuzz.veld", input));
        if (!compiled.Success) return;
        Require(TierHost.Run(new RegisterVmTier(), compiled.Program!, Limits));
    }

    /// <summary>Bytes as a <c>.veldc</c> file: rejected with a format error, or verified and run within limits.
    /// The header's length and checksum are made to fit first, so mutations reach the parser and verifier
    /// instead of stopping at the checksum.</summary>
    public static void Veldc(byte[] input)
    {
        if (input.Length >= VeldcFormat.HeaderSize)
        {
            var payload = input.AsSpan(VeldcFormat.HeaderSize);
            BinaryPrimitives.WriteUInt32LittleEndian(input.AsSpan(12), (uint)payload.Length);
            BinaryPrimitives.WriteUInt64LittleEndian(input.AsSpan(16), VeldcFormat.Checksum(payload));
        }
        RegisterProgram program;
        try
        {
            program = VeldcReader.Read(input);
        }
        catch (VeldcFormatException)
        {
            return;
        }
        Require(LargeStack.Run("veld-afl", () => TierHost.Execute("register", RegisterVmTier.Load(program), Limits, null)));
    }

    private static void Require(RunOutcome outcome)
    {
        if (outcome.Kind is OutcomeKind.InternalError)
            throw new InvalidOperationException($"internal error: {outcome.Error!.Message}");
    }
}

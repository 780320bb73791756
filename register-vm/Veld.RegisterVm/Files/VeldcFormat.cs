namespace Veld.RegisterVm;

/// <summary>
/// The <c>.veldc</c> file: a compiled <see cref="RegisterProgram"/>.
/// <code>
/// header (24 bytes, little-endian)
///   magic      8 bytes  "VELDC" 0x00 0x0D 0x0A   (the CR LF catches text-mode mangling, as PNG's does)
///   version    u16      FormatVersion
///   reserved   u16      0
///   length     u32      bytes of payload
///   checksum   u64      FNV-1a 64 of the payload
/// payload
///   globals    count, names; user global count
///   hoisted    count, (global, proto)
///   types      count, (name, shape, member names, payload sizes)
///   methods    count, (type, name, proto, global)
///   ctors      count, (type, variant + 1, argument count)
///   script     proto
/// proto
///   name, line, params, has-self, frame size
///   code       count, u32 words;  lines  (one per word);  columns  (one per word)
///   constants  count, tagged values (unit, false, true, int, float, str, range, builtin, tuple)
///   upvalues   count, (capture: 0 enclosing upvalue, 1 register; index, name)
///   captures   count, (capture: 0 enclosing closure's captured value, 1 register; index, name)
///   locals     count, (name, register, start, end, mutable)
///   protos     count, proto ...
/// </code>
/// Counts and small integers are unsigned LEB128 varints; signed values are zigzag-encoded; strings are a
/// byte count and UTF-8. The reader checks every length against the bytes left before allocating, bounds
/// nesting, and hands the result to <see cref="ProgramVerifier"/> and <see cref="RegisterChecker"/>: the VM
/// never sees a program they did not accept.
/// </summary>
public static class VeldcFormat
{
    public static ReadOnlySpan<byte> Magic => "VELDC\0\r\n"u8;
    /// <summary>5: values captured by value are a list of their own after the upvalues, read by the GETCAPT opcode
    /// (4 kept them as upvalues with capture byte 2); 4: an upvalue's capture byte may be 2, a register captured by value (3 had 0 and 1 only);
    /// 3: TESTTUPLE's element count is Bx (2 had it in B, 8 bits, so a 256-element pattern
    /// was miscompiled); 2: each proto carries a column table after its line table (1 had lines only).</summary>
    public const ushort FormatVersion = 5;
    public const int HeaderSize = 24;
    public const string Extension = ".veldc";

    /// <summary>Nested protos and nested tuple constants deeper than this are rejected (the parser allows 200).</summary>
    public const int MaxNesting = 256;

    internal enum ConstantTag : byte { Unit, False, True, Int, Float, Str, Range, Builtin, Tuple }

    /// <summary>FNV-1a, 64 bit: a small, well-known checksum for detecting corruption (not tampering).</summary>
    public static ulong Checksum(ReadOnlySpan<byte> data)
    {
        ulong hash = 14695981039346656037;
        foreach (byte b in data)
        {
            hash ^= b;
            hash *= 1099511628211;
        }
        return hash;
    }

    /// <summary>True if <paramref name="data"/> starts with the <c>.veldc</c> magic.</summary>
    public static bool HasMagic(ReadOnlySpan<byte> data) => data.Length >= Magic.Length && data[..Magic.Length].SequenceEqual(Magic);
}

/// <summary>A <c>.veldc</c> file that cannot be loaded: malformed, truncated, corrupt, of another version,
/// or holding bytecode that fails verification. The message says which.</summary>
public sealed class VeldcFormatException(string message, Exception? inner = null) : Exception(message, inner);

using System.Text;

namespace Veld.Differential;

/// <summary>
/// The one way the tools write a report or finding file: into a temporary file in the same folder, forced to
/// disk, then renamed over the target. A reader, or a run interrupted midway, sees the previous file or the
/// new one, whole, never a truncated mix (issue 14: an interrupted <c>--junit</c> left a 0-byte file).
/// The rename is atomic because both names are in one folder, hence on one file system.
/// </summary>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes what <paramref name="write"/> produces to <paramref name="path"/>, creating its folder.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>UTF-8 text (no byte-order mark, "\n" line ends) written through a <see cref="TextWriter"/>.</summary>
    public static void WriteText(string path, Action<TextWriter> write) => Write(path, stream =>
    {
        using var writer = new StreamWriter(stream, Utf8, bufferSize: 1 << 16, leaveOpen: true) { NewLine = "\n" };
        write(writer);
    });

    public static void WriteText(string path, string text) => Write(path, stream => stream.Write(Utf8.GetBytes(text)));

    public static void WriteBytes(string path, byte[] bytes) => Write(path, stream => stream.Write(bytes));
}

namespace Veld.Cli;

/// <summary>
/// Report files (--junit, --csv, --markdown ...) are checked before a long run starts, so an unwritable path
/// costs a second, not the whole run. The check opens the file for writing without truncating it and
/// removes it again if it did not exist; the directory is created as the writers would create it.
/// </summary>
internal static class OutputPaths
{
    /// <summary>True when every given path can be written; otherwise prints why for each one that cannot.</summary>
    public static bool CheckWritable(CliConsole console, params (string Option, string? Path)[] outputs)
    {
        bool ok = true;
        foreach (var (option, path) in outputs)
        {
            if (path is null) continue;
            if (Why(path) is { } reason)
            {
                console.Error.WriteLine($"veld: cannot write {option} {path}: {reason}");
                ok = false;
            }
        }
        return ok;
    }

    private static string? Why(string path)
    {
        try
        {
            if (Directory.Exists(path)) return "it is a directory";
            var full = Path.GetFullPath(path);
            if (Path.GetDirectoryName(full) is { } directory) Directory.CreateDirectory(directory);
            bool existed = File.Exists(full);
            using (new FileStream(full, FileMode.OpenOrCreate, FileAccess.Write)) { }
            if (!existed) File.Delete(full);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return e.Message;
        }
    }
}

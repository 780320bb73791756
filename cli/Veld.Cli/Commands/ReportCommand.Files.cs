using System.Diagnostics;

namespace Veld.Cli.Commands;

/// <summary>Writes a report file through a temporary file renamed into place, so a reader (a CI upload,
/// a browser) never sees half a report. (A shared atomic-write helper is planned for the runtime; this
/// one stays small until it lands.)</summary>
internal static class ReportFiles
{
    public static bool Write(CliConsole console, string? path, Action<TextWriter> write)
    {
        if (path is null) return true;
        var temporary = path + ".tmp";
        try
        {
            if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } directory) Directory.CreateDirectory(directory);
            using (var file = new StreamWriter(temporary, append: false, new System.Text.UTF8Encoding(false)) { NewLine = "\n" })
                write(file);
            File.Move(temporary, path, overwrite: true);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"veld: cannot write {path}: {e.Message}");
            return false;
        }
    }
}

/// <summary>What git says about the working directory, or null when git or a repository is absent.</summary>
internal static class GitInfo
{
    public static string? Read(params string[] arguments)
    {
        try
        {
            var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
            using var git = Process.Start(start);
            if (git is null) return null;
            var output = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 && output.Length > 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}

using System.Diagnostics;
using System.Reflection;

namespace Veld.Cli.Commands;

/// <summary>
/// How this <c>veld</c> starts another <c>veld</c> of the same build (for <c>veld bench</c>'s worker
/// processes): the running executable when veld is the program (an apphost, an installed tool's shim, or
/// <c>dotnet veld.dll</c>), else the veld next to the loaded CLI assembly (the CLI hosted by a test runner).
/// </summary>
internal static class SelfLaunch
{
    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        var (program, leading) = Command();
        var start = new ProcessStartInfo(program);
        foreach (var argument in leading.Concat(arguments)) start.ArgumentList.Add(argument);
        return start;
    }

    private static (string Program, string[] Leading) Command()
    {
        var cli = typeof(SelfLaunch).Assembly;
        var processPath = Environment.ProcessPath ?? throw new InvalidOperationException("the path of this process is unknown");
        bool hostedByDotnet = Path.GetFileNameWithoutExtension(processPath) == "dotnet";
        if (Assembly.GetEntryAssembly() == cli)
            return hostedByDotnet ? (processPath, [cli.Location]) : (processPath, []);

        var directory = Path.GetDirectoryName(cli.Location)!;
        var apphost = Path.Combine(directory, OperatingSystem.IsWindows() ? "veld.exe" : "veld");
        if (File.Exists(apphost)) return (apphost, []);
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? (hostedByDotnet ? processPath : "dotnet");
        return (dotnet, [cli.Location]);
    }
}

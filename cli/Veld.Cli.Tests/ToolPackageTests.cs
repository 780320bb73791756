using System.Diagnostics;
using Veld.Differential.Tests;

namespace Veld.Cli.Tests;

/// <summary>
/// The CLI as a user installs it: <c>dotnet pack</c>, then <c>dotnet tool install --tool-path</c> from the
/// packed folder, then the installed <c>veld</c> run from a folder outside the repository. Packs the Release
/// build when there is one (CI builds Release before testing), so the test costs a pack and an install.
/// Filter it out locally with <c>--filter Category!=Packaging</c>.
/// </summary>
[Trait("Category", "Packaging")]
public sealed class ToolPackageTests : IDisposable
{
    private readonly TempCorpus _work = new();

    public void Dispose() => _work.Dispose();

    [Fact]
    public void The_packed_tool_installs_and_runs_from_any_folder()
    {
        var repository = RepositoryRoot();
        var packages = Path.Combine(_work.Root, "packages");
        var tools = Path.Combine(_work.Root, "tools");
        var project = Path.Combine(repository, "cli", "Veld.Cli");
        bool releaseBuilt = File.Exists(Path.Combine(project, "bin", "Release", "net10.0", "veld.dll"));
        Run(repository, "dotnet", ["pack", project, "-c", "Release", "-o", packages, .. releaseBuilt ? new[] { "--no-build" } : []]);
        Assert.True(File.Exists(Path.Combine(packages, "veld.0.1.0.nupkg")), "dotnet pack made no veld.0.1.0.nupkg");

        Run(_work.Root, "dotnet", ["tool", "install", "veld", "--tool-path", tools, "--add-source", packages, "--version", "0.1.0"]);
        var veld = Path.Combine(tools, OperatingSystem.IsWindows() ? "veld.exe" : "veld");

        var elsewhere = Directory.CreateDirectory(Path.Combine(_work.Root, "elsewhere")).FullName;
        Assert.StartsWith("0.1.0", Run(elsewhere, veld, ["--version"]));
        File.WriteAllText(Path.Combine(elsewhere, "hello.veld"), "fn f(a) => a * 6\nprintln(f(7))\n");
        Assert.Equal("42\n", Run(elsewhere, veld, ["run", "hello.veld", "--tier", "register"]));
        // The benchmark programs ship inside the tool: no corpus/ here, yet fib is found.
        var bench = Run(elsewhere, veld, ["bench", "fib", "--size", "default", "--tiers", "tree", "--iterations", "1", "--warmup", "0"]);
        Assert.Contains("fib", bench);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "VeldMigration.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no VeldMigration.sln above {AppContext.BaseDirectory}");
    }

    /// <summary>Standard output of a process that must succeed; its output and errors are the failure message otherwise.</summary>
    private static string Run(string directory, string program, string[] args)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', args)} exited {process.ExitCode}:\n{stdout}\n{stderr.Result}");
        return stdout;
    }
}

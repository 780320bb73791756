using Veld.Differential;

namespace Veld.Cli.Tests;

/// <summary>Runs the whole <c>veld</c> command in-process with captured, non-interactive output.</summary>
internal static class CliHarness
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    /// <summary>Fake tiers (see <see cref="FakeTier"/>) over the fake front end: tree, and stack (the baseline) that prints "5" as "6".</summary>
    public static readonly CliServices Fakes = new(
        new TierRegistry(
        [
            new TierRegistration("tree", "fake oracle", () => new FakeTier("tree")),
            new TierRegistration("stack", "fake tier with a planted bug", () => new FakeTier("stack", s => s.Replace("5", "6"))) { IsBaseline = true },
        ]),
        FakeFrontEnd.Compile);

    public static Result Run(CliServices? services, params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        int code = VeldCli.Run(args, new CliConsole(stdout, stderr, interactive: false), services);
        return new Result(code, stdout.ToString(), stderr.ToString());
    }

    public static Result RunFake(params string[] args) => Run(Fakes, args);

    /// <summary>Runs <c>veld build SOURCE</c>, checks that it wrote the compiled file beside the source with
    /// <paramref name="extension"/>, and returns that file's path.</summary>
    public static string Build(CliServices? services, string source, string extension)
    {
        var built = Run(services, "build", source);
        Assert.Equal(ExitCodes.Success, built.ExitCode);
        var compiled = Path.ChangeExtension(source, extension);
        Assert.StartsWith($"wrote {compiled} (", built.Stdout);
        return compiled;
    }

    /// <summary>With <paramref name="stdin"/> as piped standard input (not a terminal).</summary>
    public static Result RunWithInput(CliServices? services, string stdin, params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var console = new CliConsole(stdout, stderr, interactive: false) { Input = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(stdin)) };
        int code = VeldCli.Run(args, console, services);
        return new Result(code, stdout.ToString(), stderr.ToString());
    }
}

using System.CommandLine;
using Veld.Differential;
using Veld.Fuzzing;
using Veld.Fuzzing.Reduction;
using Veld.Language;
using Veld.Runtime;

namespace Veld.Cli.Commands;

/// <summary><c>veld reduce</c>: shrink a program while the chosen tiers still disagree on it, or while a
/// tier still ends it with a given runtime error.</summary>
public static class ReduceCommand
{
    public static Command Create(CliServices services, CliConsole console)
    {
        var registry = services.Tiers;
        var file = FileArguments.One("The program to reduce (a fuzz finding, or any .veld file).");
        var tiers = TierSelection.ListOption($"Comma-separated tiers; the first is the oracle. Default: all ({string.Join(", ", registry.Names)}).");
        var keepError = new Option<string?>("--keep-error")
        {
            Description = "Keep instead: some of the tiers still ends the program with this runtime error kind.",
            HelpName = "KIND",
        };
        keepError.Validators.Add(result =>
        {
            var kind = result.GetValueOrDefault<string?>();
            if (kind is not null && !Enum.TryParse<ErrorKind>(kind, ignoreCase: false, out _))
                result.AddError($"--keep-error expects a runtime error kind ({string.Join(", ", Enum.GetNames<ErrorKind>())}), not '{kind}'.");
        });
        var output = new Option<string?>("-o", "--output") { Description = "Write the reduced program here instead of standard output.", HelpName = "OUT" };
        var maxTests = new Option<int>("--max-tests")
        {
            Description = "Candidate programs to test before stopping where the reduction has got to.",
            DefaultValueFactory = _ => 10_000,
            HelpName = "N",
        };
        var timeout = LimitOptions.Timeout("Time limit of one run of one candidate on one tier, in seconds.", 10);
        var fuel = LimitOptions.Fuel("Steps one run may take (a candidate that runs out is not interesting).", 20_000_000);
        var maxDepth = LimitOptions.MaxDepth(10_000);

        var command = new Command("reduce",
            "Shrink a program to a small one that still shows the problem: the tiers still disagree, or (--keep-error) a tier still raises the error.")
        {
            file, tiers, keepError, output, maxTests, timeout, fuel, maxDepth,
        };
        command.SetAction(parse =>
        {
            if (!TierSelection.TrySelect(registry, parse.GetValue(tiers), console, out var selected)) return ExitCodes.Usage;
            var kind = parse.GetValue(keepError);
            if (kind is null && selected.Count < 2)
            {
                console.Error.WriteLine("veld: reducing a disagreement needs at least two tiers (or use --keep-error KIND)");
                return ExitCodes.Usage;
            }
            var runOptions = new RunOptions
            {
                Timeout = TimeSpan.FromSeconds(parse.GetValue(timeout) ?? 10),
                Fuel = parse.GetValue(fuel),
                MaxCallDepth = parse.GetValue(maxDepth),
            };
            return Execute(console, services, parse.GetValue(file)!, [.. selected.Select(t => t.Create())], kind, runOptions,
                parse.GetValue(output), parse.GetValue(maxTests));
        });
        return command;
    }

    public const string HelpFooter =
        """
        The reducer works on the syntax tree, as C-Reduce does on C: it deletes statements and match arms
        (halves first, then smaller pieces), splices blocks into place, replaces expressions by parts of
        themselves or by literals, drops parameters with their arguments and inlines calls, until nothing
        smaller stays interesting. Every candidate is re-parsed and checked first; the result is never
        larger than the input. Comments are not kept.

        Exit codes: 0 reduced (or nothing smaller found), 1 the program does not show the problem,
        64 usage error, 65 the program has compile errors.

        Examples:
          veld reduce fuzz-findings/fuzz-42-117.veld --tiers tree,stack -o small.veld
          veld reduce crash.veld --keep-error DivisionByZero --tiers tree
        """;

    private static int Execute(CliConsole console, CliServices services, string path, IReadOnlyList<ITier> tiers, string? keepError,
        RunOptions runOptions, string? output, int maxTests)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"veld: cannot read {path}: {e.Message}");
            return ExitCodes.Usage;
        }
        var source = new Source(path, text);
        var compiled = FrontEnd.Compile(source, services.Compile);
        if (!compiled.Success)
        {
            console.Error.Write(compiled.Diagnostics[0].Render(source));
            return ExitCodes.CompileError;
        }

        var interesting = keepError is not null
            ? Interestingness.RaisesError(tiers, keepError, runOptions)
            : Interestingness.TiersDisagree(tiers[0], [.. tiers.Skip(1)], OutcomeJudges.Standard, runOptions);
        var what = keepError is not null
            ? $"some of {string.Join(", ", tiers.Select(t => t.Name))} raises {keepError}"
            : $"{string.Join(", ", tiers.Skip(1).Select(t => t.Name))} disagree(s) with {tiers[0].Name}";
        console.Error.WriteLine($"veld reduce: {path}: keeping '{what}'");

        int shown = Reducer.CountLines(text);
        var result = Reducer.Reduce(text, interesting, new ReducerOptions
        {
            MaxTests = maxTests,
            FileName = Path.GetFileName(path),
            Progress = lines =>
            {
                if (lines < shown) console.Error.WriteLine($"  {lines} lines");
                shown = Math.Min(shown, lines);
            },
        });
        if (!result.OriginalWasInteresting)
        {
            console.Error.WriteLine($"veld reduce: {path} does not show the problem: {what} is not true of it");
            return ExitCodes.Failure;
        }
        console.Error.WriteLine($"veld reduce: {result.Summary} in {result.Elapsed.TotalSeconds:0.0} s");
        if (output is null)
        {
            console.Out.Write(result.Source);
        }
        else
        {
            AtomicFile.WriteText(output, result.Source);
            console.Error.WriteLine($"veld reduce: written to {output}");
        }
        return ExitCodes.Success;
    }
}

using System.CommandLine;
using Veld.Reports.Progress;

namespace Veld.Cli.Commands;

/// <summary><c>veld report</c>: the migration's progress report from evidence, recorded in the history
/// database, as Markdown (standard output and --markdown), HTML and JSON.</summary>
public static class ReportCommand
{
    public const string DefaultPlan = "reports/migration.yaml";

    public static Command Create(CliServices services, CliConsole console)
    {
        var plan = new Option<string>("--plan") { Description = "The migration plan (YAML).", DefaultValueFactory = _ => DefaultPlan, HelpName = "FILE" };
        var corpus = new Option<string>("--corpus") { Description = "The corpus: its tags, the programs run when no --diff is given, the opcode coverage.", DefaultValueFactory = _ => "corpus", HelpName = "DIR" };
        var diff = new Option<string?>("--diff") { Description = "Results of 'veld diff --csv'. Default: run the corpus on every tier now.", HelpName = "CSV" };
        var tests = new Option<string[]>("--tests") { Description = "Test results: TRX ('dotnet test --logger trx') or JUnit XML files. Without them, test items are unknown.", HelpName = "FILE", AllowMultipleArgumentsPerToken = true };
        var bench = new Option<string?>("--bench") { Description = "Results of 'veld bench --csv'. Without them (or --quick-bench), speed and memory targets are unknown.", HelpName = "CSV" };
        var compileTime = new Option<string?>("--compile-time") { Description = "Results of 'veld bench --compile-time --csv'. Without them, the compile-time target reads the diff's single cold compiles.", HelpName = "CSV" };
        var quickBench = new Option<bool>("--quick-bench") { Description = "Time corpus/bench now at each program's small default size, one measured run (a rough figure)." };
        var fuzz = new Option<string?>("--fuzz-log") { Description = "What 'veld fuzz' printed (its summary and verdict).", HelpName = "FILE" };
        var regalloc = new Option<string?>("--regalloc-log") { Description = "What 'veld fuzz-regalloc' printed.", HelpName = "FILE" };
        var history = new Option<string>("--history") { Description = "The SQLite history of report runs.", DefaultValueFactory = _ => HistoryStore.DefaultPath, HelpName = "PATH" };
        var since = new Option<string?>("--since") { Description = "Compare with the latest recorded run of this commit (a ref or a hash prefix) instead of the previous run.", HelpName = "REF" };
        var markdown = new Option<string?>("--markdown") { Description = "Also write the Markdown report to FILE.", HelpName = "FILE" };
        var html = new Option<string?>("--html") { Description = "Write the self-contained HTML report to FILE.", HelpName = "FILE" };
        var json = new Option<string?>("--json") { Description = "Write the JSON report (docs/REPORTS.md describes its schema) to FILE.", HelpName = "FILE" };
        var failOnRegression = new Option<bool>("--fail-on-regression") { Description = "Exit 1 when an item regressed or a target that passed now fails." };
        var commit = new Option<string?>("--commit") { Description = "The commit the run is recorded under. Default: git rev-parse HEAD.", HelpName = "HASH" };
        var branch = new Option<string?>("--branch") { Description = "The branch the run is recorded under. Default: the current git branch.", HelpName = "NAME" };

        var command = new Command("report",
            "The migration's progress: a checklist whose every state follows from evidence, targets measured, history kept.")
        {
            plan, corpus, diff, tests, bench, compileTime, quickBench, fuzz, regalloc, history, since, markdown, html, json, failOnRegression, commit, branch,
        };
        command.SetAction(parse =>
        {
            var request = new ReportRequest
            {
                Plan = parse.GetValue(plan)!,
                Corpus = parse.GetValue(corpus)!,
                Diff = parse.GetValue(diff),
                Tests = parse.GetValue(tests) ?? [],
                Bench = parse.GetValue(bench),
                CompileTime = parse.GetValue(compileTime),
                QuickBench = parse.GetValue(quickBench),
                FuzzLog = parse.GetValue(fuzz),
                RegallocLog = parse.GetValue(regalloc),
                History = parse.GetValue(history)!,
                Since = parse.GetValue(since),
                Markdown = parse.GetValue(markdown),
                Html = parse.GetValue(html),
                Json = parse.GetValue(json),
                FailOnRegression = parse.GetValue(failOnRegression),
                Commit = parse.GetValue(commit),
                Branch = parse.GetValue(branch),
            };
            return Execute(console, services, request);
        });
        return command;
    }

    public const string HelpFooter =
        """
        The plan (reports/migration.yaml) lists phases of items; each item names its evidence and is
        never ticked by hand. An item is done, partial (n of m, with what is missing), not started,
        regressed (done in the run compared with, failing now) or unknown (its evidence was not given).
        Every run is recorded in the history (SQLite), which draws the trends. docs/REPORTS.md has
        the plan's format, the evidence kinds and the JSON schema.

        Exit codes: 0 report written, 1 a regression with --fail-on-regression, or a file that
        could not be read or written, 64 usage error.

        Examples:
          veld report --html report.html                 run the corpus now, report what it shows
          veld report --diff artifacts/diff.csv --tests artifacts/tests/*.trx --fuzz-log artifacts/fuzz.txt
          veld report --since main --fail-on-regression  what changed since main's recorded run
        """;

    private static int Execute(CliConsole console, CliServices services, ReportRequest request)
    {
        MigrationPlan plan;
        EvidenceBundle evidence;
        try
        {
            plan = PlanReader.ReadFile(request.Plan);
            evidence = ReportEvidence.Gather(console, services, request);
        }
        catch (Exception e) when (e is PlanException or IOException or UnauthorizedAccessException or FormatException or System.Xml.XmlException or CsvHelper.CsvFormatException or CsvHelper.CsvValidationException)
        {
            console.Error.WriteLine($"veld: {e.Message}");
            return ExitCodes.Failure;
        }

        var key = new RunKey(request.Commit ?? GitInfo.Read("rev-parse", "HEAD") ?? "unknown",
            request.Branch ?? GitInfo.Read("rev-parse", "--abbrev-ref", "HEAD") ?? "unknown", DateTimeOffset.UtcNow, Environment.MachineName);
        var report = ProgressAssessor.Assess(plan, evidence, key);
        using (var store = new HistoryStore(request.History))
        {
            var against = request.Since is { } since
                ? store.Latest(GitInfo.Read("rev-parse", since) ?? since)
                : store.Latest();
            if (request.Since is not null && against is null)
                console.Error.WriteLine($"veld: no recorded run of '{request.Since}' in {request.History}; nothing to compare with.");
            if (against is not null)
                report = HistoryComparison.Apply(report, against.Key, store.ItemStates(against.Id), store.TargetStatuses(against.Id));
            store.Record(report);
            report = report with { History = store.Runs() };
        }

        ProgressMarkdown.Write(console.Out, report);
        console.Out.Flush();
        bool written = ReportFiles.Write(console, request.Markdown, w => ProgressMarkdown.Write(w, report))
            & ReportFiles.Write(console, request.Html, w => ProgressHtml.Write(w, report))
            & ReportFiles.Write(console, request.Json, w => w.Write(ProgressJson.Serialize(report) + "\n"));
        if (!written) return ExitCodes.Failure;
        if (request.FailOnRegression && report.HasRegressions)
        {
            console.Error.WriteLine("veld: regressions against the recorded history: " + string.Join(", ", report.Changes?.Regressed ?? []));
            return ExitCodes.Failure;
        }
        return ExitCodes.Success;
    }
}

/// <summary>What <c>veld report</c> was asked to read and write.</summary>
internal sealed record ReportRequest
{
    public required string Plan { get; init; }
    public required string Corpus { get; init; }
    public string? Diff { get; init; }
    public IReadOnlyList<string> Tests { get; init; } = [];
    public string? Bench { get; init; }
    public string? CompileTime { get; init; }
    public bool QuickBench { get; init; }
    public string? FuzzLog { get; init; }
    public string? RegallocLog { get; init; }
    public required string History { get; init; }
    public string? Since { get; init; }
    public string? Markdown { get; init; }
    public string? Html { get; init; }
    public string? Json { get; init; }
    public bool FailOnRegression { get; init; }
    public string? Commit { get; init; }
    public string? Branch { get; init; }
}

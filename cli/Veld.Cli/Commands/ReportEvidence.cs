using CsvHelper;
using Veld.Bench;
using Veld.Differential;
using Veld.Language.Syntax;
using Veld.Reports;
using Veld.Reports.Progress;

namespace Veld.Cli.Commands;

/// <summary>Reads the evidence files <c>veld report</c> was given, and gathers what it can itself: the
/// corpus run on every tier (when no diff CSV is given), the corpus tags, the opcode coverage, and on
/// request a quick benchmark.</summary>
internal static class ReportEvidence
{
    public static EvidenceBundle Gather(CliConsole console, CliServices services, ReportRequest request)
    {
        var files = Directory.Exists(request.Corpus) ? CorpusFiles.Find([request.Corpus]) : [];
        var programs = files.Select(CorpusFiles.Load).ToList();
        var tags = programs.ToDictionary(p => ProgramPaths.Normalize(p.Path), p => p.Tags);

        IReadOnlyList<DiffCsvRow>? diff;
        if (request.Diff is { } diffPath) diff = ReadCsv<DiffCsvRow>(diffPath);
        else if (files.Count > 0)
        {
            console.Error.WriteLine($"veld report: running {files.Count} corpus programs on {string.Join(", ", services.Tiers.Names)} (give --diff to use a diff CSV instead)");
            diff = [.. DiffCsv.Rows(new DiffRunner(services.Tiers.All, new DiffOptions(), services.Compile).RunFiles(files))];
        }
        else diff = null;

        return new EvidenceBundle
        {
            Diff = diff,
            CorpusTags = files.Count > 0 ? tags : null,
            Tests = request.Tests.Count > 0 ? TestResultsReader.ReadFiles(request.Tests) : null,
            Bench = request.Bench is { } benchPath ? ReadCsv<BenchmarkCsvRow>(benchPath) : request.QuickBench ? QuickBench(console, services) : null,
            CompileTime = request.CompileTime is { } compileTimePath ? ReadCsv<CompileTimeCsvRow>(compileTimePath) : null,
            Fuzz = request.FuzzLog is { } fuzzLog ? FuzzLogReader.ReadFuzz(File.ReadAllText(fuzzLog)) : null,
            Regalloc = request.RegallocLog is { } regallocLog ? FuzzLogReader.ReadRegalloc(File.ReadAllText(regallocLog)) : null,
            Opcodes = files.Count > 0 ? OpcodeCoverageCollector.Collect(Compiled(services, programs), services.Tiers.All, InstructionSets.All) : null,
            RepositoryRoot = GitInfo.Read("rev-parse", "--show-toplevel") ?? Directory.GetCurrentDirectory(),
        };
    }

    private static List<T> ReadCsv<T>(string path)
    {
        using var reader = CsvReader.Create(File.OpenRead(path));
        return [.. reader.GetRecords<T>()];
    }

    private static List<CheckedProgram> Compiled(CliServices services, IEnumerable<CorpusProgram> programs)
    {
        var compiled = new List<CheckedProgram>();
        foreach (var program in programs)
        {
            try
            {
                if (FrontEnd.Compile(program.Source, services.Compile) is { Success: true, Program: { } checkedProgram }) compiled.Add(checkedProgram);
            }
            catch (FrontEndCrashException) { } // the diff reports the crash
        }
        return compiled;
    }

    /// <summary>Every benchmark at its small built-in size, one measured run after one warm-up.</summary>
    private static List<BenchmarkCsvRow> QuickBench(CliConsole console, CliServices services)
    {
        var suite = BenchmarkProgram.FindSuiteDirectory(Directory.GetCurrentDirectory()) ?? BenchmarkProgram.DefaultDirectory;
        var programs = BenchmarkProgram.Find([], suite);
        console.Error.WriteLine($"veld report: quick benchmark of {programs.Count} programs at their default size");
        var options = new BenchmarkOptions { Iterations = 1, Warmup = 1, Size = BenchmarkSize.ProgramDefault };
        var report = new BenchmarkRunner([.. services.Tiers.All.Select(t => t.Create())], options, services.Compile).Run(programs, _ => { });
        return [.. CsvReportWriter.Rows(report)];
    }
}

namespace Veld.Mutation;

/// <summary>The temporary copy of the repository that holds the schemata of every area and their one Release
/// build of the CLI. It is made from the committed HEAD (<c>git archive</c>, so the repository's own worktrees
/// are untouched) and kept under the work root by commit, so later campaigns on the same commit reuse it; a
/// copy made earlier can also be named outright (<c>--build DIR</c>), e.g. to finish a campaign after a commit.</summary>
public sealed class MutatedBuild(string repository, string workRoot, string? existing, TextWriter log)
{
    private const string MutantsFile = ".veld-mutants.tsv";
    private const string DroppedFile = ".veld-dropped";

    public string Directory { get; private set; } = "";

    /// <summary>How many mutants of all areas the compiler rejected (their schemata were not written).</summary>
    public int Dropped => int.Parse(File.ReadAllText(Path.Combine(Directory, DroppedFile)));

    public string Veld => Path.Combine(Directory, "cli", "Veld.Cli", "bin", "Release", "net10.0", "veld");

    public IReadOnlyList<Mutant> Prepare()
    {
        if (existing is not null)
        {
            Directory = Path.GetFullPath(existing);
            if (!File.Exists(Path.Combine(Directory, MutantsFile)) || !File.Exists(Veld))
                throw new InvalidOperationException($"{Directory} holds no finished mutated build");
        }
        var commit = existing is null ? Git("rev-parse", "HEAD").Trim() : "";
        if (existing is null) Directory = Path.Combine(workRoot, commit[..12]);
        var list = Path.Combine(Directory, MutantsFile);
        if (File.Exists(list) && File.Exists(Veld))
        {
            log.WriteLine($"reusing the mutated build in {Directory}");
            return Load(list);
        }

        if (System.IO.Directory.Exists(Directory)) System.IO.Directory.Delete(Directory, recursive: true);
        System.IO.Directory.CreateDirectory(Directory);
        log.WriteLine($"copying HEAD ({commit[..12]}) to {Directory}");
        Check(ProcessRunner.Run("sh", ["-c", $"git -C '{repository}' archive HEAD | tar -x -C '{Directory}'"], repository), "git archive");

        // The mutated projects' dependencies and generated global usings, which the in-memory compile reads.
        foreach (var project in Area.All.Select(a => a.Project).Distinct())
            Check(DotnetBuild(project), $"unmutated build of {project}");

        var (mutants, dropped) = new SchemataBuilder(Directory, log).Build();
        File.WriteAllText(Path.Combine(Directory, DroppedFile), dropped.ToString());
        log.WriteLine("building the mutated CLI (Release)");
        Check(DotnetBuild("cli/Veld.Cli"), "mutated build of the CLI");
        Save(list, mutants);
        return mutants;
    }

    /// <summary>Builds a test project of the copy (Release, against the mutated tier already built there) the
    /// first time a campaign needs it, so the kill suite can run it with <c>dotnet test --no-build</c>; a marker
    /// file records the finished build, for later campaigns on the same copy.</summary>
    public void PrepareTests(string project)
    {
        var marker = Path.Combine(Directory, project, ".veld-built");
        if (File.Exists(marker)) return;
        log.WriteLine($"building {project} in the mutated copy (Release)");
        Check(DotnetBuild(project), $"mutated build of {project}");
        File.WriteAllText(marker, "");
    }

    /// <summary>Warnings are not errors here: a schema may make the nullable analysis warn where the original
    /// did not, which changes nothing the mutant does.</summary>
    private ProcessResult DotnetBuild(string project) =>
        ProcessRunner.Run("dotnet", ["build", project, "-c", "Release", "-p:TreatWarningsAsErrors=false", "-nologo", "-v", "q"], Directory);

    private static void Check(ProcessResult result, string what)
    {
        if (result.ExitCode != 0) throw new InvalidOperationException($"{what} failed:\n{result.Output}");
    }

    private string Git(params string[] arguments)
    {
        var result = ProcessRunner.Run("git", ["-C", repository, .. arguments], repository);
        Check(result, "git " + string.Join(' ', arguments));
        return result.Output;
    }

    private static void Save(string path, IEnumerable<Mutant> mutants) =>
        File.WriteAllLines(path, mutants.Select(m => string.Join('\t', m.Id, m.File, m.Line, m.Operator, m.Original, m.Mutated)));

    private static List<Mutant> Load(string path) =>
        File.ReadLines(path).Select(line => line.Split('\t'))
            .Select(f => new Mutant(int.Parse(f[0]), f[1], int.Parse(f[2]), f[3], f[4], f[5]))
            .ToList();
}

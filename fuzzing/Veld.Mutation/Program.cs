using System.Globalization;
using Veld.Mutation;

// veld-mutate: mutation testing of the bytecode tiers with mutant schemata (docs/FUZZING.md "Mutation testing").
const string Usage =
    """
    usage: veld-mutate AREA [FILE[:FIRST-LAST] ...] [--sample N] [--seed S] [--fuzz-count N] [--shards K]
                       [--corpus A,B] [--no-unit-tests] [--build DIR] [--work DIR] [--out DIR] [--prepare-only]
      AREA          register-vm | register-compiler | stack-vm | stack-compiler
      FILE:FIRST-LAST  only the mutants on these lines of these files (paths relative to the area's folder)
      --sample N    a seeded random sample of N of the mutants (default: all)
      --seed S      the sample's seed (default 1)
      --fuzz-count N  generated programs in the kill suite's fuzz step (default 200; 0 leaves it out)
      --corpus A,B  only these folders of the corpus in the kill suite (default: all of it)
      --shards K    corpus shards run one after another, the first failure ends the mutant's run (default 4)
      --no-unit-tests  leave out the last step: the tier's unit tests, run for a mutant the programs left alive
      --build DIR   reuse this mutated copy (made earlier, possibly of another commit) instead of HEAD's
      --work DIR    where the mutated copy is built and kept per commit (default /tmp/veld-mutation)
      --out DIR     results.tsv and summary.md (default artifacts/mutation/AREA)
      --prepare-only  build the mutated copy and list the area's mutants, run nothing
    """;

if (args.Length == 0 || args[0] is "-h" or "--help" || Area.Find(args[0]) is not { } area)
{
    Console.Error.WriteLine(args.Length > 0 && args[0] is not ("-h" or "--help") ? $"unknown area '{args[0]}'\n{Usage}" : Usage);
    return args.Length > 0 && args[0] is "-h" or "--help" ? 0 : 64;
}

int? sample = null;
int seed = 1, fuzzCount = 200, shards = 4;
string work = "/tmp/veld-mutation", output = Path.Combine("artifacts", "mutation", area.Name);
bool prepareOnly = false, unitTests = true;
string[] corpus = [];
string? existing = null;
var selections = new List<(string File, int First, int Last)>();
for (int i = 1; i < args.Length; i++)
{
    string Value() => ++i < args.Length ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value");
    switch (args[i])
    {
        case "--sample": sample = int.Parse(Value(), CultureInfo.InvariantCulture); break;
        case "--seed": seed = int.Parse(Value(), CultureInfo.InvariantCulture); break;
        case "--fuzz-count": fuzzCount = int.Parse(Value(), CultureInfo.InvariantCulture); break;
        case "--shards": shards = int.Parse(Value(), CultureInfo.InvariantCulture); break;
        case "--work": work = Value(); break;
        case "--build": existing = Value(); break;
        case "--corpus": corpus = Value().Split(',', StringSplitOptions.RemoveEmptyEntries); break;
        case "--out": output = Value(); break;
        case "--prepare-only": prepareOnly = true; break;
        case "--no-unit-tests": unitTests = false; break;
        default:
            var parts = args[i].Split(':');
            var lines = parts.Length > 1 ? parts[1].Split('-') : ["1", int.MaxValue.ToString(CultureInfo.InvariantCulture)];
            selections.Add(($"{area.Path}/{parts[0]}", int.Parse(lines[0], CultureInfo.InvariantCulture), int.Parse(lines[^1], CultureInfo.InvariantCulture)));
            break;
    }
}

var repository = Directory.GetCurrentDirectory();
var build = new MutatedBuild(repository, work, existing, Console.Out);
var all = build.Prepare();
var population = all
    .Where(m => m.File.StartsWith(area.Path + "/", StringComparison.Ordinal))
    .Where(m => selections.Count == 0 || selections.Any(s => s.File == m.File && m.Line >= s.First && m.Line <= s.Last))
    .ToList();
var random = new Random(seed);
var chosen = sample is { } n ? population.OrderBy(_ => random.Next()).Take(n).ToList() : population;
Console.WriteLine($"{area.Name}: {population.Count} mutants in the selection, {chosen.Count} to judge");
if (prepareOnly)
{
    foreach (var m in chosen) Console.WriteLine($"#{m.Id} {m.File}:{m.Line} {m.Operator}: {m.Original} -> {m.Mutated}");
    return 0;
}

Directory.CreateDirectory(output);
var store = new ResultStore(Path.Combine(output, "results.tsv"));
var suite = new KillSuite(build.Directory, build.Veld, area, corpus, shards, fuzzCount, unitTests);
var pending = chosen.Where(m => store.Find(m) is null).ToList();
if (pending.Count > 0 && unitTests) build.PrepareTests(area.TestProject);
if (pending.Count > 0) suite.Calibrate(Console.Out);

var clock = System.Diagnostics.Stopwatch.StartNew();
int done = chosen.Count - pending.Count, judgedNow = 0;
foreach (var mutant in pending)
{
    var verdict = suite.Judge(mutant);
    store.Add(new Result(mutant, verdict));
    done++;
    judgedNow++;
    var results = chosen.Select(store.Find).OfType<Result>().ToList();
    int killed = results.Count(r => r.Verdict.Killed);
    var eta = TimeSpan.FromSeconds(clock.Elapsed.TotalSeconds / judgedNow * (pending.Count - judgedNow));
    var how = verdict.Killed ? $"killed ({verdict.How}, {verdict.Step})" : "SURVIVED";
    Console.WriteLine($"[{done}/{chosen.Count}] killed {killed}, survived {results.Count - killed}, ETA {eta:hh\\:mm\\:ss}  " +
        $"#{mutant.Id} {Path.GetFileName(mutant.File)}:{mutant.Line} {mutant.Operator} `{mutant.Original}` -> `{mutant.Mutated}`: {how} {verdict.Seconds:0.0} s");
}

var judged = chosen.Select(store.Find).OfType<Result>().ToList();
var summary = SummaryWriter.Write(area, judged, population.Count, sample, seed, build.Dropped, fuzzCount, unitTests);
File.WriteAllText(Path.Combine(output, "summary.md"), summary);
Console.WriteLine();
Console.Write(summary);
return 0;

namespace Veld.Mutation;

/// <summary>One judged mutant, as written to results.tsv.</summary>
public sealed record Result(Mutant Mutant, Verdict Verdict);

/// <summary>The campaign's results, one line per mutant appended the moment it is judged, so a stopped
/// campaign resumes where it stopped: a re-run skips mutants already judged (matched by id and text, so a
/// changed source never reuses an old verdict).</summary>
public sealed class ResultStore
{
    private const string Header = "id\tfile\tline\toperator\toriginal\tmutated\tkilled\thow\tstep\tseconds";
    private readonly string _path;
    private readonly Dictionary<string, Result> _results = [];

    public ResultStore(string path)
    {
        _path = path;
        if (!File.Exists(path)) return;
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var f = line.Split('\t');
            if (f.Length != 10) continue;
            var mutant = new Mutant(int.Parse(f[0]), f[1], int.Parse(f[2]), f[3], f[4], f[5]);
            _results[mutant.Key] = new Result(mutant, new Verdict(f[6] == "yes", f[7], f[8], double.Parse(f[9], System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    public Result? Find(Mutant mutant) => _results.GetValueOrDefault(mutant.Key);

    public void Add(Result result)
    {
        _results[result.Mutant.Key] = result;
        if (!File.Exists(_path)) File.WriteAllText(_path, Header + "\n");
        var (m, v) = (result.Mutant, result.Verdict);
        File.AppendAllText(_path, string.Join('\t', m.Id, m.File, m.Line, m.Operator, m.Original, m.Mutated,
            v.Killed ? "yes" : "no", v.How, v.Step, v.Seconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)) + "\n");
    }
}

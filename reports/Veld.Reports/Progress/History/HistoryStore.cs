using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Veld.Reports.Progress;

/// <summary>
/// Every report run, kept in SQLite (default <c>.veld/history.db</c>): the run's key (commit, branch,
/// time, machine), each item's state, each phase's and target's figures and the trend figures. Later
/// runs compare with it (regressions, <c>--since</c>) and draw trends from it.
/// </summary>
public sealed class HistoryStore : IDisposable
{
    public const string DefaultPath = ".veld/history.db";

    private const string Schema =
        """
        CREATE TABLE IF NOT EXISTS runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            commit_id TEXT NOT NULL, branch TEXT NOT NULL, time TEXT NOT NULL, machine TEXT NOT NULL,
            overall REAL);
        CREATE TABLE IF NOT EXISTS phases (run_id INTEGER NOT NULL REFERENCES runs(id), phase_id TEXT NOT NULL, percent REAL);
        CREATE TABLE IF NOT EXISTS items (run_id INTEGER NOT NULL REFERENCES runs(id), item_id TEXT NOT NULL, state TEXT NOT NULL, fraction REAL NOT NULL);
        CREATE TABLE IF NOT EXISTS targets (run_id INTEGER NOT NULL REFERENCES runs(id), target_id TEXT NOT NULL, measured REAL, status TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS figures (run_id INTEGER NOT NULL REFERENCES runs(id), name TEXT NOT NULL, value REAL NOT NULL);
        CREATE INDEX IF NOT EXISTS runs_commit ON runs(commit_id);
        """;

    private readonly SqliteConnection _connection;

    public HistoryStore(string path)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } directory) Directory.CreateDirectory(directory);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();
        Execute(Schema);
    }

    public void Dispose() => _connection.Dispose();

    /// <summary>Records the report as a new run, in one transaction; returns the run's id.</summary>
    public long Record(ProgressReport report)
    {
        using var transaction = _connection.BeginTransaction();
        var key = report.Run;
        long id = (long)Scalar("INSERT INTO runs (commit_id, branch, time, machine, overall) VALUES ($c, $b, $t, $m, $o) RETURNING id",
            ("$c", key.Commit), ("$b", key.Branch), ("$t", key.Time.ToString("O", CultureInfo.InvariantCulture)), ("$m", key.Machine), ("$o", report.Overall))!;
        foreach (var phase in report.Phases)
            Execute("INSERT INTO phases VALUES ($r, $p, $v)", ("$r", id), ("$p", phase.Id), ("$v", phase.Percent));
        foreach (var item in report.Items)
            Execute("INSERT INTO items VALUES ($r, $i, $s, $f)", ("$r", id), ("$i", item.Id), ("$s", item.State.Label()), ("$f", item.Fraction));
        foreach (var target in report.Targets)
            Execute("INSERT INTO targets VALUES ($r, $t, $v, $s)", ("$r", id), ("$t", target.Id), ("$v", target.Measured), ("$s", target.Status.ToString()));
        foreach (var (name, value) in report.Figures)
            Execute("INSERT INTO figures VALUES ($r, $n, $v)", ("$r", id), ("$n", name), ("$v", value));
        transaction.Commit();
        return id;
    }

    /// <summary>The latest run, optionally only those whose commit starts with <paramref name="commitPrefix"/>.</summary>
    public HistoryRun? Latest(string? commitPrefix = null)
    {
        var id = commitPrefix is null
            ? Scalar("SELECT id FROM runs ORDER BY id DESC LIMIT 1")
            : Scalar("SELECT id FROM runs WHERE substr(commit_id, 1, length($p)) = $p ORDER BY id DESC LIMIT 1", ("$p", commitPrefix));
        return id is long found ? Runs().First(r => r.Id == found) : null;
    }

    /// <summary>Every run, oldest first.</summary>
    public IReadOnlyList<HistoryRun> Runs()
    {
        var phases = Grouped("SELECT run_id, phase_id, percent FROM phases WHERE percent IS NOT NULL");
        var figures = Grouped("SELECT run_id, name, value FROM figures");
        var runs = new List<HistoryRun>();
        using var command = Command("SELECT id, commit_id, branch, time, machine, overall FROM runs ORDER BY id");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            long id = reader.GetInt64(0);
            var key = new RunKey(reader.GetString(1), reader.GetString(2), DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture), reader.GetString(4));
            runs.Add(new HistoryRun(id, key, reader.IsDBNull(5) ? null : reader.GetDouble(5),
                phases.GetValueOrDefault(id) ?? new Dictionary<string, double>(), figures.GetValueOrDefault(id) ?? new Dictionary<string, double>()));
        }
        return runs;
    }

    public IReadOnlyDictionary<string, ItemState> ItemStates(long runId) =>
        Pairs("SELECT item_id, state FROM items WHERE run_id = $r", runId).ToDictionary(p => p.Key, p => Veld.Reports.Progress.ItemStates.Parse(p.Value));

    public IReadOnlyDictionary<string, TargetStatus> TargetStatuses(long runId) =>
        Pairs("SELECT target_id, status FROM targets WHERE run_id = $r", runId).ToDictionary(p => p.Key, p => Enum.Parse<TargetStatus>(p.Value));

    private List<KeyValuePair<string, string>> Pairs(string sql, long runId)
    {
        using var command = Command(sql, ("$r", runId));
        using var reader = command.ExecuteReader();
        var pairs = new List<KeyValuePair<string, string>>();
        while (reader.Read()) pairs.Add(new(reader.GetString(0), reader.GetString(1)));
        return pairs;
    }

    private Dictionary<long, Dictionary<string, double>> Grouped(string sql)
    {
        var groups = new Dictionary<long, Dictionary<string, double>>();
        using var command = Command(sql);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            long id = reader.GetInt64(0);
            if (!groups.TryGetValue(id, out var group)) groups[id] = group = new Dictionary<string, double>(StringComparer.Ordinal);
            group[reader.GetString(1)] = reader.GetDouble(2);
        }
        return groups;
    }

    private void Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        command.ExecuteNonQuery();
    }

    private object? Scalar(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        return command.ExecuteScalar();
    }

    private SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }
}

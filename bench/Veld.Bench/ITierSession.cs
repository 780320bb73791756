namespace Veld.Bench;

/// <summary>
/// One tier's side of a benchmark run: compiles a program, then runs it as often as asked. The runner holds one
/// session per tier for the whole run, in this process (<see cref="InProcessTierSession"/>) or in worker
/// processes, a fresh one per program (<see cref="WorkerTierSession"/>).
/// </summary>
public interface ITierSession : IDisposable
{
    string Name { get; }

    /// <summary>Front end and tier compile of <paramref name="path"/> (source <paramref name="text"/>), ready
    /// to run with <paramref name="args"/>; returns why that failed, or null.</summary>
    string? Prepare(string path, string text, IReadOnlyList<string> args);

    /// <summary>One run of the prepared program.</summary>
    TierRun RunOnce();
}

namespace Veld.Bench;

/// <summary>One run of a program on a tier: what it printed, and either its measured sample or why it failed.</summary>
public sealed record TierRun(string Stdout, RunSample? Sample, string? Failure);

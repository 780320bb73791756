namespace Veld.Mutation;

/// <summary>One step of the kill suite: a program run in the mutated copy with <c>VELD_MUTANT=ID</c>, which
/// kills the mutant by failing (or by running past its time limit).</summary>
public sealed record KillStep(string Name, string Program, IReadOnlyList<string> Arguments);

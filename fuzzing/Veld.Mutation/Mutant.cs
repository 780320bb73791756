namespace Veld.Mutation;

/// <summary>One mutation of one site: active when the environment variable VELD_MUTANT equals its id.
/// File is relative to the repository root, Line is 1-based in the unmutated source.</summary>
public sealed record Mutant(int Id, string File, int Line, string Operator, string Original, string Mutated)
{
    /// <summary>What identifies a judged mutant across runs: ids are only stable while the source is.</summary>
    public string Key => $"{Id}|{File}|{Line}|{Operator}|{Original}|{Mutated}";
}

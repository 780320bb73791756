namespace Veld.Mutation;

/// <summary>One folder of a bytecode tier whose code is mutated, and the tier the kill suite compares with
/// the oracle for it.</summary>
public sealed record Area(string Name, string Project, string Folder, string Tier)
{
    public static readonly IReadOnlyList<Area> All =
    [
        new("register-vm", "register-vm/Veld.RegisterVm", "Vm", "register"),
        new("register-compiler", "register-vm/Veld.RegisterVm", "Compiler", "register"),
        new("stack-vm", "legacy-stack-vm/Veld.StackVm", "Vm", "stack"),
        new("stack-compiler", "legacy-stack-vm/Veld.StackVm", "Compiler", "stack"),
    ];

    /// <summary>The folder, relative to the repository root.</summary>
    public string Path => $"{Project}/{Folder}";

    public static Area? Find(string name) => All.FirstOrDefault(a => a.Name == name);
}

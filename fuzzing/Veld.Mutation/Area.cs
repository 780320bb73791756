namespace Veld.Mutation;

/// <summary>One folder of a bytecode tier whose code is mutated, the tier the kill suite compares with the
/// oracle for it, and the tier's unit-test project (the kill suite's last step).</summary>
public sealed record Area(string Name, string Project, string Folder, string Tier, string TestProject)
{
    public static readonly IReadOnlyList<Area> All =
    [
        new("register-vm", "register-vm/Veld.RegisterVm", "Vm", "register", "register-vm/Veld.RegisterVm.Tests"),
        new("register-compiler", "register-vm/Veld.RegisterVm", "Compiler", "register", "register-vm/Veld.RegisterVm.Tests"),
        new("stack-vm", "legacy-stack-vm/Veld.StackVm", "Vm", "stack", "legacy-stack-vm/Veld.StackVm.Tests"),
        new("stack-compiler", "legacy-stack-vm/Veld.StackVm", "Compiler", "stack", "legacy-stack-vm/Veld.StackVm.Tests"),
    ];

    /// <summary>The folder, relative to the repository root.</summary>
    public string Path => $"{Project}/{Folder}";

    public static Area? Find(string name) => All.FirstOrDefault(a => a.Name == name);
}

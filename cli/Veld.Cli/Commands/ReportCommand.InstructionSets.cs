namespace Veld.Cli.Commands;

/// <summary>Each bytecode tier's full instruction set, by the mnemonics its disassembler prints: what
/// the report's opcode coverage is measured against. A new bytecode tier adds its line here.</summary>
internal static class InstructionSets
{
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> All = new Dictionary<string, IReadOnlyList<string>>
    {
        ["stack"] = [.. Enum.GetValues<Veld.StackVm.OpCode>().Select(Veld.StackVm.OpCodeInfo.Mnemonic).Where(m => !string.IsNullOrEmpty(m)).Distinct()],
        ["register"] = [.. Enum.GetValues<Veld.RegisterVm.OpCode>().Select(Veld.RegisterVm.Disassembler.Name).Distinct()],
    };
}

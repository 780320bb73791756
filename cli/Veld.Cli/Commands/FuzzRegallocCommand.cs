using System.CommandLine;
using Veld.RegisterVm.Fuzzing;

namespace Veld.Cli.Commands;

/// <summary><c>veld fuzz-regalloc</c>: the register allocator's model-based property and the bytecode
/// checker over random programs; prints what was checked and any (shrunk) counterexample.</summary>
public static class FuzzRegallocCommand
{
    public static Command Create(CliConsole console)
    {
        var seed = new Option<ulong?>("--seed")
        {
            Description = "Seed of the run (FsCheck's random source). Default: a random seed, printed.",
            HelpName = "N",
        };
        var count = new Option<int>("--count")
        {
            Description = "Random operation sequences for the allocator, and random programs for the checker.",
            DefaultValueFactory = _ => 500,
            HelpName = "N",
        };
        count.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1) result.AddError("--count must be a positive whole number");
        });
        var command = new Command("fuzz-regalloc",
            "Fuzz the register VM's register allocator against a model, and prove random compiled programs with the bytecode checker.")
        {
            seed, count,
        };
        command.SetAction(parse =>
        {
            ulong chosen = parse.GetValue(seed) ?? (ulong)Random.Shared.NextInt64();
            var report = RegallocFuzzer.Run(chosen, parse.GetValue(count));
            console.Out.Write(report.Describe());
            console.Out.WriteLine(report.Passed ? "no counterexample" : $"counterexample found; replay with --seed {chosen}");
            return report.Passed ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }

    public const string HelpFooter =
        """
        The allocator property drives RegisterAllocator with random declare / temp / free / promote /
        scope / snapshot / restore sequences and compares every step with a model. The checker part
        compiles random programs and proves each function: registers read are written on every path,
        live immutable locals are never overwritten, call windows never cover a live local, try blocks
        nest consistently, operands are in range. Failures are shrunk before they are printed.

        Exit codes: 0 no counterexample, 1 a counterexample, 64 usage error.

        Examples:
          veld fuzz-regalloc
          veld fuzz-regalloc --seed 42 --count 2000
        """;
}

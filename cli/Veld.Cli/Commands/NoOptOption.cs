using System.CommandLine;
using Veld.RegisterVm;

namespace Veld.Cli.Commands;

/// <summary><c>--no-opt NAME</c> (run, diff, bench, fuzz): switch off one named optimization pass of the register
/// compiler for the whole command, so the pass's effect can be measured. Repeatable.</summary>
internal static class NoOptOption
{
    public static Option<string[]> Create()
    {
        var option = new Option<string[]>("--no-opt")
        {
            Description = "Switch off a named optimization pass of the register compiler (repeatable): "
                + string.Join(", ", OptimizationPasses.All) + ".",
            HelpName = "NAME",
            Arity = ArgumentArity.ZeroOrMore,
        };
        option.AcceptOnlyFromAmong([.. OptimizationPasses.All]);
        return option;
    }

    /// <summary>Make the chosen passes off the default of every register compilation in this process.</summary>
    public static void Apply(ParseResult parse, Option<string[]> option) =>
        OptimizationSettings.ProcessDefault = OptimizationSettings.Without(parse.GetValue(option) ?? []);
}

using System.CommandLine;
using Veld.RegisterVm;

namespace Veld.Cli.Commands;

/// <summary><c>--check-registers</c> (run, bench): also prove every register compilation's register allocation
/// with the checker (<see cref="RegisterChecking"/>). Without it these commands skip the checker; diff and fuzz
/// always run it.</summary>
internal static class CheckRegistersOption
{
    public static Option<bool> Create() => new("--check-registers")
    {
        Description = "Also prove the register compiler's register allocation with the checker (as diff and fuzz always do); its time then counts in the compile step.",
    };

    /// <summary>run and bench: the checker runs only when the option is given.</summary>
    public static void Apply(ParseResult parse, Option<bool> option) => RegisterChecking.ProcessDefault = parse.GetValue(option);

    /// <summary>diff and fuzz verify: the checker always runs (whatever an earlier command in this process chose).</summary>
    public static void Always() => RegisterChecking.ProcessDefault = true;
}

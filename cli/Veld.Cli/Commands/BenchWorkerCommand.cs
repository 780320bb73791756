using System.CommandLine;
using Veld.Bench;

namespace Veld.Cli.Commands;

/// <summary><c>veld bench-worker TIER</c> (hidden): one tier's worker process for <c>veld bench</c>, speaking
/// <see cref="WorkerProtocol"/> on standard input and output. Not for people: <c>veld bench</c> starts it.</summary>
internal static class BenchWorkerCommand
{
    public const string Name = "bench-worker";

    public static Command Create(CliServices services, CliConsole console)
    {
        var tier = new Argument<string>("TIER") { Description = "The tier this worker measures." };
        var noOpt = NoOptOption.Create();
        var checkRegisters = CheckRegistersOption.Create();
        var command = new Command(Name, "A tier's worker process for veld bench (started by veld bench; reads requests on standard input).")
        {
            tier, noOpt, checkRegisters,
        };
        command.Hidden = true;
        command.SetAction(parse =>
        {
            NoOptOption.Apply(parse, noOpt);
            CheckRegistersOption.Apply(parse, checkRegisters);
            var registration = services.Tiers.Find(parse.GetValue(tier)!);
            if (registration is null)
            {
                console.Error.WriteLine($"veld: bench-worker: unknown tier '{parse.GetValue(tier)}'");
                return ExitCodes.Usage;
            }
            return BenchmarkWorker.Serve(registration.Create(), Console.In, console.Out, services.Compile);
        });
        return command;
    }

    /// <summary>How <c>veld bench</c> starts the worker of a tier: this veld again, with the same
    /// process-wide choices of the register compiler (<c>--no-opt</c>, <c>--check-registers</c>).</summary>
    public static Func<string, System.Diagnostics.ProcessStartInfo> Starter(IReadOnlyList<string> noOpt, bool checkRegisters) =>
        tierName => SelfLaunch.StartInfo([
            Name, tierName, .. noOpt.SelectMany(pass => new[] { "--no-opt", pass }), .. checkRegisters ? new[] { "--check-registers" } : [],
        ]);
}

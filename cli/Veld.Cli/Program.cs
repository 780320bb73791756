using Veld.Cli;

var console = CliConsole.FromSystemConsole();
try
{
    return VeldCli.Run(args, console);
}
finally
{
    console.Out.Flush();
    console.Error.Flush();
}

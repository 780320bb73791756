using Veld.Differential;
using Veld.Language;

namespace Veld.Cli;

/// <summary>What the commands run on: the tiers and the front end. Tests substitute fakes; the real
/// command uses <see cref="Default"/>.</summary>
public sealed record CliServices(TierRegistry Tiers, Func<Source, CompileResult> Compile)
{
    public static CliServices Default { get; } = new(TierRegistry.Default, VeldCompiler.Compile);
}

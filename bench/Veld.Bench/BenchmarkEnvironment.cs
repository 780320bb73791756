using System.Runtime;
using System.Runtime.InteropServices;

namespace Veld.Bench;

/// <summary>The machine a report was measured on: numbers mean little without it.</summary>
public sealed record BenchmarkEnvironment(string Os, string Runtime, string Cpu, int Cores, string Gc, DateTimeOffset When)
{
    public static BenchmarkEnvironment Current() => new(
        $"{RuntimeInformation.OSDescription.Trim()} ({RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant()})",
        RuntimeInformation.FrameworkDescription,
        CpuName(),
        Environment.ProcessorCount,
        GCSettings.IsServerGC ? "server" : "workstation" + (GCSettings.LatencyMode == GCLatencyMode.Interactive ? ", concurrent" : ""),
        DateTimeOffset.UtcNow);

    /// <summary>The CPU model from /proc/cpuinfo where there is one, else the architecture.</summary>
    private static string CpuName()
    {
        try
        {
            if (File.Exists("/proc/cpuinfo"))
            {
                foreach (var line in File.ReadLines("/proc/cpuinfo"))
                    if (line.StartsWith("model name", StringComparison.Ordinal) && line.IndexOf(':') is var colon and > 0)
                        return line[(colon + 1)..].Trim();
            }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
    }
}

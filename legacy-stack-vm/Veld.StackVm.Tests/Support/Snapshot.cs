using System.Runtime.CompilerServices;

namespace Veld.StackVm.Tests;

/// <summary>
/// Snapshot assertions with Verify's file naming: the expected text lives in
/// <c>Snapshots/NAME.verified.txt</c> beside the test sources; on a mismatch (or when it does not exist
/// yet) the actual text is written to <c>NAME.received.txt</c> and the test fails. Accept a change by
/// renaming the received file over the verified one.
/// </summary>
internal static class Snapshot
{
    public static void Verify(string name, string actual, [CallerFilePath] string callerFile = "")
    {
        var directory = Path.Combine(Path.GetDirectoryName(callerFile)!, "Snapshots");
        var verified = Path.Combine(directory, $"{name}.verified.txt");
        var received = Path.Combine(directory, $"{name}.received.txt");
        actual = actual.Replace("\r\n", "\n");
        if (File.Exists(verified) && File.ReadAllText(verified).Replace("\r\n", "\n") == actual)
        {
            if (File.Exists(received)) File.Delete(received);
            return;
        }
        Directory.CreateDirectory(directory);
        File.WriteAllText(received, actual);
        Assert.Fail(File.Exists(verified)
            ? $"snapshot {name} differs from {verified}; the new text is in {received}"
            : $"snapshot {name} has no verified file yet; the text is in {received}");
    }
}

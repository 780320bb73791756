using System.Runtime.CompilerServices;

namespace Veld.Testing;

/// <summary>
/// Snapshot assertions with Verify's file naming, so that moving to the Verify package later is a package
/// swap: the accepted text lives in <c>{TestClass}.{TestMethod}.verified.txt</c> beside the test's source
/// file. On a mismatch (or when no snapshot exists yet) the actual text is written to
/// <c>{TestClass}.{TestMethod}.received.txt</c> and the test fails; review it and rename it to accept.
/// Line endings are normalised to '\n' so snapshots compare the same on every OS.
/// </summary>
public static class Snapshot
{
    public static void Verify(string actual, string? variant = null,
        [CallerFilePath] string sourceFile = "", [CallerMemberName] string testName = "")
    {
        var directory = Path.GetDirectoryName(sourceFile)!;
        var stem = $"{Path.GetFileNameWithoutExtension(sourceFile)}.{testName}{(variant is null ? "" : "_" + variant)}";
        var verifiedPath = Path.Combine(directory, stem + ".verified.txt");
        var receivedPath = Path.Combine(directory, stem + ".received.txt");
        actual = actual.Replace("\r\n", "\n");

        if (File.Exists(verifiedPath) && File.ReadAllText(verifiedPath).Replace("\r\n", "\n") == actual)
        {
            if (File.Exists(receivedPath)) File.Delete(receivedPath);
            return;
        }
        File.WriteAllText(receivedPath, actual);
        var why = File.Exists(verifiedPath) ? "does not match" : "has no accepted snapshot";
        Assert.Fail($"{stem} {why}; the actual text is in {receivedPath}. If it is right, rename it to {Path.GetFileName(verifiedPath)}.\n--- actual ---\n{actual}");
    }
}

using System.Runtime.CompilerServices;

namespace Veld.RegisterVm.Tests;

/// <summary>
/// Snapshot assertions with Verify's file naming (<c>{TestClass}.{TestMethod}.verified.txt</c> beside the
/// test). On a mismatch the actual text goes to <c>.received.txt</c> and the test fails; review it and
/// rename it to accept. Line endings are normalised to '\n'.
/// </summary>
internal static class Snapshot
{
    public static void Verify(string actual, [CallerFilePath] string sourceFile = "", [CallerMemberName] string testName = "")
    {
        var stem = Path.Combine(Path.GetDirectoryName(sourceFile)!, $"{Path.GetFileNameWithoutExtension(sourceFile)}.{testName}");
        var verified = stem + ".verified.txt";
        var received = stem + ".received.txt";
        actual = actual.Replace("\r\n", "\n");
        if (File.Exists(verified) && File.ReadAllText(verified).Replace("\r\n", "\n") == actual)
        {
            if (File.Exists(received)) File.Delete(received);
            return;
        }
        File.WriteAllText(received, actual);
        Assert.Fail($"{Path.GetFileName(stem)} {(File.Exists(verified) ? "does not match" : "has no accepted snapshot")}; see {received}\n{actual}");
    }
}

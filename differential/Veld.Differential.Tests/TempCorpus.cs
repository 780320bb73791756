namespace Veld.Differential.Tests;

/// <summary>A throw-away corpus directory for one test.</summary>
public sealed class TempCorpus : IDisposable
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "veld-corpus-" + Guid.NewGuid().ToString("N"));

    public TempCorpus() => Directory.CreateDirectory(Root);

    public string Write(string relativePath, string text) => WriteBytes(relativePath, System.Text.Encoding.UTF8.GetBytes(text));

    public string WriteBytes(string relativePath, byte[] bytes)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

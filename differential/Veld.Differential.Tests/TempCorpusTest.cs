namespace Veld.Differential.Tests;

/// <summary>
/// A test class whose every test writes into its own <see cref="TempCorpus"/>: xunit makes one instance
/// of the class per test and disposes it afterwards, which deletes the directory.
/// </summary>
public abstract class TempCorpusTest : IDisposable
{
    protected TempCorpus Corpus { get; } = new();

    public void Dispose()
    {
        Corpus.Dispose();
        GC.SuppressFinalize(this);
    }
}

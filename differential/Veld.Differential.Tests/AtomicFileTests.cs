namespace Veld.Differential.Tests;

/// <summary>Issue 14: a report written in place and interrupted left a 0-byte file and lost the previous one.</summary>
public sealed class AtomicFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("veld-atomic-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_writer_aborted_midway_leaves_the_old_file_whole_and_no_temporary()
    {
        var path = Path.Combine(_folder, "report.xml");
        AtomicFile.WriteText(path, "old report\n");
        string? seenWhileWriting = null;

        var abort = Assert.Throws<IOException>(() => AtomicFile.WriteText(path, writer =>
        {
            writer.Write(new string('x', 100_000));
            writer.Flush();
            seenWhileWriting = File.ReadAllText(path);
            throw new IOException("writer killed");
        }));

        Assert.Equal("writer killed", abort.Message);
        Assert.Equal("old report\n", seenWhileWriting);
        Assert.Equal("old report\n", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_folder));
    }

    [Fact]
    public void A_finished_writer_replaces_the_file_whole_and_creates_its_folder()
    {
        var path = Path.Combine(_folder, "out", "diff.csv");
        AtomicFile.WriteText(path, "first\n");
        AtomicFile.WriteText(path, writer => writer.WriteLine("second"));
        Assert.Equal("second\n", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!));
    }
}

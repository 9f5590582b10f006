using NeuroSim.Core.RunFolders;

namespace NeuroSim.Tests.RunFolders;

public sealed class AtomicFileTests
{
    [Fact]
    public void A_write_replaces_the_file_and_leaves_nothing_else()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("manifest.json");
        AtomicFile.WriteAllText(path, "old\n");
        AtomicFile.WriteAllText(path, "new ü\n");

        Assert.Equal("new ü\n"u8.ToArray(), File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void A_write_that_throws_keeps_the_old_file_and_leaves_no_temporary_file()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("checkpoint.bin");
        AtomicFile.WriteAllText(path, "old");

        Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write("half a checkpoint"u8);
            stream.Flush();
            throw new IOException("disk full");
        }));

        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void A_table_whose_writing_fails_leaves_no_file_at_all()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("connectome.csv");

        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            using var csv = new CsvTableWriter(stream, ["r", "p"]);
            csv.Write(0.1).Write(0.2).EndRow();
            csv.Write(0.3).EndRow();
        }));

        Assert.Empty(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void A_temporary_file_written_by_another_program_is_committed_over_the_old_one()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("figure.png");
        File.WriteAllText(path, "old");
        File.WriteAllText(AtomicFile.TemporaryPathOf(path), "new");

        AtomicFile.Commit(AtomicFile.TemporaryPathOf(path), path);

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(temp.Path));
    }
}

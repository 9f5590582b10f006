namespace NeuroSim.Tests.Microcircuit;

/// <summary>A checkpoint taken while a snapshot is held (inside a test block of the regression protocol) resumes byte for byte.</summary>
public sealed class SnapshotResumeTests
{
    [Fact]
    [Trait("Speed", "Slow")]
    public void A_run_killed_while_a_snapshot_is_held_resumes_byte_identical()
    {
        using var temp = new TempFolder();
        var root = CliRunner.RepositoryRoot();
        string[] files = [Path.Combine(root, "models", "microcircuit-regression.yaml"), Path.Combine(root, "protocols", "microcircuit-regression.yaml")];

        // Test block 1 is 0-2 s, training 2-12 s, test block 2 (snapshot held) from 12 s: stop at 13 s.
        var whole = CliRunner.Run(["run", .. files, "--out", temp.Combine("whole"), "--until", "13 s"]);
        Assert.True(whole.Code == 0, whole.Stderr);

        // Killed at 12.7 s; the last checkpoint (12.5 s, every 5,000 steps of 0.1 ms) lies inside test block 2.
        var cut = temp.Combine("cut");
        var killed = CliRunner.Run(["run", .. files, "--out", cut, "--until", "13 s", "--checkpoint-steps", "5000", "--abort-after-steps", "127000"]);
        Assert.True(killed.Code == 3, killed.Stderr);
        var resumed = CliRunner.Run(["run", .. files, "--out", cut, "--until", "13 s", "--resume"]);
        Assert.True(resumed.Code == 0, resumed.Stderr);
        SameBytes.InFolders(temp.Combine("whole"), cut, Directory.GetFiles(temp.Combine("whole", "monitors")).Select(Path.GetFileName).Append("epochs.csv").OfType<string>().Select(file => file == "epochs.csv" ? file : Path.Combine("monitors", file)), " after resuming inside a held snapshot");

        foreach (var file in Directory.GetFiles(temp.Combine("whole", "weights")).Select(Path.GetFileName).OfType<string>())
        {
            Assert.Equal(File.ReadAllBytes(temp.Combine("whole", "weights", file)), File.ReadAllBytes(Path.Combine(cut, "weights", file)));
        }
    }
}

using System.Text.Json;
using NeuroSim.Core.RunFolders;
using NeuroSim.Tests.Files;

namespace NeuroSim.Tests.Cli;

/// <summary>`--out` never destroys what NeuroSim did not write; finishing is crash-safe at every point; checkpoints are checked.</summary>
public sealed class OutputFolderTests
{
    [Fact]
    public void A_folder_holding_user_files_is_refused_and_left_exactly_as_it_was()
    {
        using var temp = new TempFolder();
        var (model, protocol) = Inputs(temp);
        var mine = temp.Combine("mydata");
        Directory.CreateDirectory(Path.Combine(mine, "sub"));
        File.WriteAllText(Path.Combine(mine, "notes.txt"), "my notes");
        File.WriteAllText(Path.Combine(mine, "sub", "data.csv"), "1,2,3");
        var before = Snapshot(temp.Path);

        foreach (var args in new[] { new[] { "run", model, protocol, "--out", mine }, ["run", model, protocol, "--out", mine, "--overwrite"], ["demo", "--out", mine, "--epochs", "1"] })
        {
            var (code, stdout, stderr) = CliRunner.Run(args);
            Assert.Equal(2, code);
            Assert.Equal(string.Empty, stdout);
            Assert.Equal($"neurosim: error: --out '{mine}' exists and was not written by NeuroSim; NeuroSim never replaces such a folder: give a new folder name\n", stderr);
            Assert.Equal(before, Snapshot(temp.Path));
        }
    }

    [Fact]
    public void The_folder_of_the_inputs_and_any_folder_above_it_are_refused()
    {
        using var temp = new TempFolder();
        var inputs = temp.Combine("inputs");
        Directory.CreateDirectory(inputs);
        var model = Path.Combine(inputs, "model.yaml");
        var protocol = Path.Combine(inputs, "protocol.yaml");
        File.WriteAllText(model, MalformedFilesTests.BaseModel);
        File.WriteAllText(protocol, MalformedFilesTests.BaseProtocol);
        var before = Snapshot(temp.Path);
        foreach (var folder in new[] { inputs, temp.Path, inputs + "/" })
        {
            var (code, _, stderr) = CliRunner.Run("run", model, protocol, "--out", folder, "--overwrite");
            Assert.Equal(2, code);
            Assert.StartsWith($"neurosim: error: --out '{folder}' ", stderr, StringComparison.Ordinal);
            Assert.Equal(before, Snapshot(temp.Path));
        }

        Assert.Throws<OutputRefusedException>(() => OutputPathRules.Check("--out", "/", []));
        Assert.Throws<OutputRefusedException>(() => OutputPathRules.Check("--out", Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), []));
        Assert.Throws<OutputRefusedException>(() => OutputPathRules.Check("--out", Environment.CurrentDirectory, []));
        Assert.Throws<OutputRefusedException>(() => OutputPathRules.Check("--out", Path.GetDirectoryName(Environment.CurrentDirectory)!, []));
    }

    [Fact]
    public void A_complete_run_folder_is_replaced_only_with_overwrite_and_only_by_the_same_command()
    {
        using var temp = new TempFolder();
        var (model, protocol) = Inputs(temp);
        var outDir = temp.Combine("r");
        Assert.Equal(0, CliRunner.Run("run", model, protocol, "--out", outDir, "--seed", "1").Code);
        var first = File.ReadAllBytes(Path.Combine(outDir, "monitors", "h.csv"));

        var (code, _, stderr) = CliRunner.Run("run", model, protocol, "--out", outDir, "--seed", "2");
        Assert.Equal(2, code);
        Assert.Contains("already holds a complete `neurosim run` run; add --overwrite", stderr, StringComparison.Ordinal);
        Assert.Equal(first, File.ReadAllBytes(Path.Combine(outDir, "monitors", "h.csv")));

        (code, _, stderr) = CliRunner.Run("run", model, protocol, "--out", outDir, "--seed", "1", "--resume");
        Assert.Equal(2, code);
        Assert.Contains($"'{outDir}' is already complete: nothing to resume", stderr, StringComparison.Ordinal);
        Assert.Equal(first, File.ReadAllBytes(Path.Combine(outDir, "monitors", "h.csv")));

        (code, _, stderr) = CliRunner.Run("demo", "--out", outDir, "--overwrite", "--epochs", "1");
        Assert.Equal(2, code);
        Assert.Contains("holds the results of `neurosim run`, not of `neurosim demo`", stderr, StringComparison.Ordinal);

        CliRunner.Succeeds("run", model, protocol, "--out", outDir, "--seed", "2", "--overwrite");
        Assert.NotEqual(first, File.ReadAllBytes(Path.Combine(outDir, "monitors", "h.csv")));
        Assert.Equal(RunStatus.Complete, RunFolderMarker.Read(outDir)!.Status);
        Assert.Equal(["r"], Directory.GetDirectories(temp.Path).Select(Path.GetFileName));
        Assert.False(File.Exists(Path.Combine(outDir, ".neurosim.lock")));
    }

    [Fact]
    public void A_second_writer_of_the_same_folder_is_refused_while_the_first_holds_it()
    {
        using var temp = new TempFolder();
        var (model, protocol) = Inputs(temp);
        var outDir = temp.Combine("r");
        using (var first = RunFolder.Open("run", outDir))
        {
            var (code, _, stderr) = CliRunner.Run("run", model, protocol, "--out", outDir);
            Assert.Equal(2, code);
            Assert.Contains($"--out '{outDir}' is being written by another NeuroSim process (pid {Environment.ProcessId})", stderr, StringComparison.Ordinal);
            Assert.True(Directory.Exists(first.WorkingPath));
        }

        // The first writer went away without finishing: its partial folder is NeuroSim's own and is cleared by the next run.
        Assert.False(Directory.Exists(RunFolder.PartialPathOf(outDir)));
        Assert.Equal(0, CliRunner.Run("run", model, protocol, "--out", outDir).Code);
    }

    [Fact]
    public void A_folder_another_process_completed_meanwhile_is_not_replaced_at_commit()
    {
        // Two runs started at once: the second passed its checks before the first committed. The first's folder appears
        // while the second still writes; committing the second must not move it aside (no --overwrite was given).
        using var temp = new TempFolder();
        var (model, protocol) = Inputs(temp);
        var outDir = temp.Combine("r");
        var other = temp.Combine("other");
        Assert.Equal(0, CliRunner.Run("run", model, protocol, "--out", other, "--seed", "1").Code);
        var theirs = File.ReadAllBytes(Path.Combine(other, "monitors", "h.csv"));
        using (var late = RunFolder.Open("run", outDir))
        {
            File.WriteAllText(late.PathOf("mine.txt"), "late");
            Directory.Move(other, outDir);
            var refused = Assert.Throws<OutputRefusedException>(() => late.Commit());
            Assert.Contains($"'{outDir}' was completed by another NeuroSim process meanwhile", refused.Message, StringComparison.Ordinal);
        }

        Assert.Equal(theirs, File.ReadAllBytes(Path.Combine(outDir, "monitors", "h.csv")));
        Assert.False(File.Exists(Path.Combine(outDir, "mine.txt")));
        Assert.False(Directory.Exists(RunFolder.PartialPathOf(outDir)));
    }

    [Fact]
    public void A_partial_folder_without_the_marker_is_not_NeuroSims_and_is_never_removed()
    {
        using var temp = new TempFolder();
        var (model, protocol) = Inputs(temp);
        var outDir = temp.Combine("r");
        var partial = RunFolder.PartialPathOf(outDir);
        Directory.CreateDirectory(partial);
        File.WriteAllText(Path.Combine(partial, "keep.txt"), "someone else's");
        var (code, _, stderr) = CliRunner.Run("run", model, protocol, "--out", outDir, "--overwrite");
        Assert.Equal(2, code);
        Assert.Contains("exists and was not written by NeuroSim", stderr, StringComparison.Ordinal);
        Assert.Equal("someone else's", File.ReadAllText(Path.Combine(partial, "keep.txt")));
    }

    [Fact]
    public void A_kill_between_moving_the_old_folder_aside_and_renaming_the_new_one_is_finished_by_resume()
    {
        using var temp = new TempFolder();
        var (model, protocol) = Inputs(temp);
        var outDir = temp.Combine("r");
        Assert.Equal(0, CliRunner.Run("run", model, protocol, "--out", outDir, "--seed", "1").Code);
        Assert.Equal(0, CliRunner.Run("run", model, protocol, "--out", temp.Combine("expected"), "--seed", "2").Code);

        // The state a kill leaves there: the new results complete in the partial folder, the old folder moved aside.
        var partial = RunFolder.PartialPathOf(outDir);
        TempFolder.CopyFolder(temp.Combine("expected"), partial);
        File.WriteAllText(Path.Combine(partial, "checkpoint.bin"), "stale");
        Directory.Move(outDir, temp.Combine(".r.replaced"));

        CliRunner.Succeeds("run", model, protocol, "--out", outDir, "--seed", "2", "--resume", "--overwrite");
        Assert.Equal(File.ReadAllBytes(temp.Combine("expected", "monitors", "h.csv")), File.ReadAllBytes(Path.Combine(outDir, "monitors", "h.csv")));
        Assert.False(Directory.Exists(partial));
        Assert.False(Directory.Exists(temp.Combine(".r.replaced")));
        Assert.False(File.Exists(Path.Combine(outDir, "checkpoint.bin")));
    }

    [Fact]
    public void A_rerun_that_diverges_keeps_the_complete_folder_it_would_have_replaced()
    {
        using var temp = new TempFolder();
        var (model, protocol) = Inputs(temp);
        var outDir = temp.Combine("r");
        Assert.Equal(0, CliRunner.Run("run", model, protocol, "--out", outDir).Code);
        var before = File.ReadAllBytes(Path.Combine(outDir, "monitors", "h.csv"));
        var diverging = temp.File("diverging.yaml", MalformedFilesTests.BaseModel
            .Replace("activation: tanh", "activation: linear", StringComparison.Ordinal)
            .Replace("    - {from: hidden, to: out}", "    - {from: hidden, to: out}\n    - {from: hidden, to: hidden, weights: {gain: 40}}", StringComparison.Ordinal));
        var longer = temp.File("longer.yaml", MalformedFilesTests.BaseProtocol.Replace("duration: 20 ms", "duration: 5 s", StringComparison.Ordinal));

        var (code, _, stderr) = CliRunner.Run("run", diverging, longer, "--out", outDir, "--overwrite");
        Assert.Equal(2, code);
        Assert.Contains($"results so far kept in {RunFolder.PartialPathOf(outDir)}", stderr, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(outDir, "monitors", "h.csv")));
    }

    [Fact]
    public void A_damaged_checkpoint_is_refused_on_resume_whichever_byte_is_hit()
    {
        using var temp = new TempFolder();
        var (model, protocol) = Inputs(temp, duration: "2 s");
        var outDir = temp.Combine("r");
        var (code, _, stderr) = CliRunner.Run("run", model, protocol, "--out", outDir, "--checkpoint-steps", "500", "--abort-after-steps", "1200");
        Assert.True(code == 3, stderr);
        var checkpoint = Path.Combine(RunFolder.PartialPathOf(outDir), "checkpoint.bin");
        var original = File.ReadAllBytes(checkpoint);
        var random = new Random(17);
        foreach (var position in new[] { 0, 5, 9, 20, original.Length / 2, original.Length - 1 }.Concat(Enumerable.Range(0, 6).Select(_ => random.Next(original.Length))))
        {
            var damaged = (byte[])original.Clone();
            damaged[position] ^= (byte)(1 << random.Next(8));
            File.WriteAllBytes(checkpoint, damaged);
            (code, _, stderr) = CliRunner.Run("run", model, protocol, "--out", outDir, "--resume");
            Assert.True(code == 2, $"byte {position}: {stderr}");
            Assert.Matches("(not a NeuroSim checkpoint|format version|is damaged)", stderr);
        }

        File.WriteAllBytes(checkpoint, original[..^10]);
        (code, _, stderr) = CliRunner.Run("run", model, protocol, "--out", outDir, "--resume");
        Assert.Equal(2, code);
        Assert.Contains("is damaged", stderr, StringComparison.Ordinal);

        File.WriteAllBytes(checkpoint, original);
        File.WriteAllText(checkpoint + ".tmp", "left by a kill while writing");
        CliRunner.Succeeds("run", model, protocol, "--out", outDir, "--resume");
        Assert.Equal([".neurosim"], Directory.GetFiles(outDir, ".*").Select(Path.GetFileName));
        Assert.False(File.Exists(Path.Combine(outDir, "checkpoint.bin.tmp")));
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "manifest.json")));
        Assert.Equal(1000, manifest.RootElement.GetProperty("results").GetProperty("resumed_from_step").GetInt64());
    }

    [Fact]
    public void An_interrupted_run_is_not_restarted_by_mistake()
    {
        using var temp = new TempFolder();
        var (model, protocol) = Inputs(temp, duration: "2 s");
        var outDir = temp.Combine("r");
        Assert.Equal(3, CliRunner.Run("run", model, protocol, "--out", outDir, "--checkpoint-steps", "500", "--abort-after-steps", "700").Code);
        var (code, _, stderr) = CliRunner.Run("run", model, protocol, "--out", outDir);
        Assert.Equal(2, code);
        Assert.Contains("continue it with --resume, or start again with --overwrite", stderr, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(RunFolder.PartialPathOf(outDir), "checkpoint.bin")));
        CliRunner.Succeeds("run", model, protocol, "--out", outDir, "--overwrite");
    }

    [Fact]
    public void A_folder_name_with_control_characters_is_refused_with_them_escaped()
    {
        using var temp = new TempFolder();
        var (model, protocol) = Inputs(temp);
        var (code, _, stderr) = CliRunner.Run("run", model, protocol, "--out", temp.Combine("a\u001b[31mb"));
        Assert.Equal(2, code);
        Assert.Contains("a\\x1b[31mb", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', stderr);
        Assert.Empty(Directory.GetDirectories(temp.Path));
    }

    [Fact]
    public void Plot_out_does_not_replace_an_existing_file_without_overwrite()
    {
        using var temp = new TempFolder();
        var (model, protocol) = Inputs(temp);
        Assert.Equal(0, CliRunner.Run("run", model, protocol, "--out", temp.Combine("r")).Code);
        var mine = temp.File("figure.svg", "my own figure");
        var (code, _, stderr) = CliRunner.Run("plot", temp.Combine("r"), "--kind", "ei-balance", "--out", mine);
        Assert.Equal(2, code);
        Assert.Contains("exists; add --overwrite to replace it", stderr, StringComparison.Ordinal);
        Assert.Equal("my own figure", File.ReadAllText(mine));
        CliRunner.Succeeds("plot", temp.Combine("r"), "--kind", "ei-balance", "--out", mine, "--overwrite");
        Assert.Contains("<svg", File.ReadAllText(mine), StringComparison.Ordinal);
    }

    internal static (string Model, string Protocol) Inputs(TempFolder temp, string duration = "20 ms") =>
        (temp.File("model.yaml", MalformedFilesTests.BaseModel), temp.File("protocol.yaml", MalformedFilesTests.BaseProtocol.Replace("duration: 20 ms", $"duration: {duration}", StringComparison.Ordinal)));

    /// <summary>Every file and folder below <paramref name="root"/> with its contents, to show that nothing changed.</summary>
    internal static string Snapshot(string root) =>
        string.Join("\n", Directory.GetFileSystemEntries(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(p => File.Exists(p) ? $"{Path.GetRelativePath(root, p)}: {Convert.ToHexString(File.ReadAllBytes(p))}" : $"{Path.GetRelativePath(root, p)}/"));
}

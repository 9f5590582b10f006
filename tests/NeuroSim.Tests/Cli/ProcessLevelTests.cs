using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using NeuroSim.Core.RunFolders;
using NeuroSim.Tests.Files;

namespace NeuroSim.Tests.Cli;

/// <summary>
/// `neurosim` as a separate process, for what only a process shows: signals, two writers at once, the working directory.
/// </summary>
public sealed partial class ProcessLevelTests
{
    private const string LongProtocol = """
        name: long
        data:
          xor: {generate: xor}
        timeline:
          - drive: {pool: excitatory, neurons: [hidden], waveform: noise, std: 0.2, correlation: 5 ms}
          - repeat:
              times: 100000
              do:
                - for_each: {data: xor, do: [{present: {input: $input, target: $target, duration: 50 ms}}]}
        monitors:
          - {name: h, variables: [x, c], neurons: [hidden], every: 5 ms}
        """;

    [Trait("Speed", "Slow")]
    [Theory]
    [InlineData("INT", 130)]
    [InlineData("TERM", 143)]
    public void A_signal_mid_run_writes_a_checkpoint_and_an_interrupted_manifest_and_resume_ends_byte_identical(string signal, int exitCode)
    {
        using var temp = new TempFolder();
        var (outDir, args) = LongRun(temp, "400 s");
        using var child = Start(temp.Path, args);
        var monitor = Path.Combine(RunFolder.PartialPathOf(outDir), "monitors", "h.csv");
        var started = Stopwatch.StartNew();
        while (!(File.Exists(monitor) && new FileInfo(monitor).Length > 50_000) && !child.HasExited && started.Elapsed < TimeSpan.FromSeconds(60))
        {
            Thread.Sleep(20);
        }

        Assert.False(child.HasExited, "the run ended before it could be interrupted");
        Signal(child, signal);
        Assert.True(child.WaitForExit(60_000), "no exit within 60 s of the signal");
        var stderr = child.StandardError.ReadToEnd();
        Assert.True(child.ExitCode == exitCode, stderr);

        var partial = RunFolder.PartialPathOf(outDir);
        Assert.False(Directory.Exists(outDir));
        Assert.True(File.Exists(Path.Combine(partial, "checkpoint.bin")));
        Assert.Equal(RunStatus.Interrupted, RunFolderMarker.Read(partial)!.Status);
        using (var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(partial, "manifest.json"))))
        {
            Assert.Equal("interrupted", manifest.RootElement.GetProperty("status").GetString());
        }

        // The command it prints is the one that resumes.
        var resume = ResumeLine().Match(stderr);
        Assert.True(resume.Success, stderr);
        var resumed = CliRunner.Run(SplitArguments(resume.Groups[1].Value));
        Assert.True(resumed.Code == 0, resumed.Stderr);
        var whole = CliRunner.Run([.. args[..4], temp.Combine("whole"), .. args[5..]]);
        Assert.True(whole.Code == 0, whole.Stderr);
        SameBytes.InFolders(temp.Combine("whole"), outDir, ["monitors/h.csv", "epochs.csv", "weights/in-hidden.csv", "weights/hidden-out.csv", "biases.csv"], $" after {signal} and resume");
    }

    [Trait("Speed", "Slow")]
    [Fact]
    public void Two_runs_started_at_once_into_one_folder_leave_one_complete_run_and_one_refusal()
    {
        using var temp = new TempFolder();
        var (outDir, args) = LongRun(temp, "100 s");
        using var first = Start(temp.Path, args);
        using var second = Start(temp.Path, args);
        Assert.True(first.WaitForExit(120_000) && second.WaitForExit(120_000));
        var outcomes = new[] { (first.ExitCode, first.StandardError.ReadToEnd()), (second.ExitCode, second.StandardError.ReadToEnd()) };
        Assert.Single(outcomes, o => o.ExitCode == 0);
        var refused = Assert.Single(outcomes, o => o.ExitCode == 2);
        Assert.Matches("is being written by another NeuroSim process|already holds a complete `neurosim run` run|was completed by another NeuroSim process meanwhile", refused.Item2);
        foreach (var entry in new[] { "monitors/h.csv", "epochs.csv", "inputs/model.yaml", "manifest.json", "weights/in-hidden.csv" })
        {
            Assert.True(File.Exists(Path.Combine(outDir, entry)), $"{entry} missing");
        }

        Assert.False(Directory.Exists(RunFolder.PartialPathOf(outDir)));
    }

    [Fact]
    public void Out_dot_in_a_folder_of_user_files_is_refused_and_nothing_is_touched()
    {
        using var temp = new TempFolder();
        temp.File("notes.txt", "notes");
        Directory.CreateDirectory(temp.Combine("sub"));
        temp.File("sub/data.csv", "1,2");
        temp.File("model.yaml", MalformedFilesTests.BaseModel);
        temp.File("protocol.yaml", MalformedFilesTests.BaseProtocol);
        var before = OutputFolderTests.Snapshot(temp.Path);
        using var child = Start(temp.Path, ["run", "model.yaml", "protocol.yaml", "--out", ".", "--until", "1 s", "--overwrite"]);
        Assert.True(child.WaitForExit(60_000));
        var stderr = child.StandardError.ReadToEnd();
        Assert.Equal(2, child.ExitCode);
        Assert.Equal("neurosim: error: --out '.' is the current directory or holds it; give a new folder, e.g. --out runs/NAME\n", stderr);
        Assert.Equal(string.Empty, child.StandardOutput.ReadToEnd());
        Assert.Equal(before, OutputFolderTests.Snapshot(temp.Path));
    }

    /// <summary>`neurosim run` of the base model with <see cref="LongProtocol"/> into r/ of <paramref name="temp"/>, stopping at <paramref name="until"/>.</summary>
    private static (string OutDir, string[] Args) LongRun(TempFolder temp, string until)
    {
        var model = temp.File("model.yaml", MalformedFilesTests.BaseModel);
        var protocol = temp.File("protocol.yaml", LongProtocol);
        var outDir = temp.Combine("r");
        return (outDir, ["run", model, protocol, "--out", outDir, "--until", until]);
    }

    private static Process Start(string workingDirectory, string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "neurosim.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("could not start neurosim");
    }

    private static void Signal(Process process, string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>Splits a printed command line the way a POSIX shell does for words and single quotes.</summary>
    private static string[] SplitArguments(string line) =>
        [.. Word().Matches(line).Select(m => m.Groups[1].Success ? m.Groups[1].Value.Replace("'\\''", "'", StringComparison.Ordinal) : m.Groups[2].Value)];

    [GeneratedRegex(@"^resume with: neurosim (.+)$", RegexOptions.Multiline)]
    private static partial Regex ResumeLine();

    [GeneratedRegex(@"'((?:[^']|'\\'')*)'|(\S+)")]
    private static partial Regex Word();
}

using System.Text.Json;

namespace NeuroSim.Tests.Files;

/// <summary>Same seed, same bytes; an interrupted run resumed from its checkpoint ends bit for bit like an uninterrupted one.</summary>
public sealed class RunReproducibilityTests
{
    private const string NoisyProtocol = """
        name: noisy-training
        data:
          xor: {generate: xor}
        timeline:
          - drive: {pool: excitatory, neurons: [hidden], waveform: noise, std: 0.2, correlation: 5 ms}
          - drive: {pool: rate, neurons: [hidden], waveform: noise, std: 0.05, correlation: 3 ms, independent: true}
          - repeat:
              times: 6
              do:
                - for_each: {data: xor, do: [{present: {input: $input, target: $target, duration: 50 ms}}]}
                - present: {input: {random: uniform, low: -1, high: 1}, target: [0.1], duration: 30 ms}
                - prune: {fraction: 0.02}
        monitors:
          - {name: h, variables: [E, I, s, f, x, c], neurons: [hidden], every: 1 ms}
          - {name: w, variables: [W, b], neurons: [out], every: 10 ms}
        """;

    [Fact]
    public void The_same_seed_gives_byte_identical_files_and_another_seed_does_not()
    {
        using var temp = new TempFolder();
        var (model, protocol) = Files(temp, "messenger");
        Run(model, protocol, temp.Combine("a"), "--seed", "5");
        Run(model, protocol, temp.Combine("b"), "--seed", "5");
        Run(model, protocol, temp.Combine("c"), "--seed", "6");
        foreach (var file in new[] { "monitors/h.csv", "monitors/w.csv", "epochs.csv", "weights/in-hidden.csv", "weights/hidden-out.csv", "biases.csv" })
        {
            Assert.Equal(File.ReadAllBytes(temp.Combine("a", file)), File.ReadAllBytes(temp.Combine("b", file)));
        }

        Assert.NotEqual(File.ReadAllBytes(temp.Combine("a", "monitors/h.csv")), File.ReadAllBytes(temp.Combine("c", "monitors/h.csv")));
    }

    [Theory]
    [InlineData("multirate", 1234)]
    [InlineData("messenger", 777)]
    [InlineData("coupled-dopri5", 901)]
    public void A_run_killed_mid_way_and_resumed_ends_bit_for_bit_like_an_uninterrupted_run(string variant, long killAfter)
    {
        using var temp = new TempFolder();
        var (model, protocol) = Files(temp, variant);
        Run(model, protocol, temp.Combine("whole"));

        var interrupted = temp.Combine("interrupted");
        var (code, _, stderr) = CliRunner.Run("run", model, protocol, "--out", interrupted, "--checkpoint-steps", "100", "--abort-after-steps", killAfter.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(code == 3, stderr);
        Assert.False(Directory.Exists(interrupted), "an interrupted run must not look complete");
        Assert.True(File.Exists(temp.Combine(".interrupted.partial", "checkpoint.bin")));

        CliRunner.Succeeds("run", model, protocol, "--out", interrupted, "--resume");
        SameBytes.InFolders(temp.Combine("whole"), interrupted, ["weights/in-hidden.csv", "weights/hidden-out.csv", "biases.csv", "monitors/h.csv", "monitors/w.csv", "epochs.csv"], $" after resume ({variant})");

        Assert.False(Directory.Exists(temp.Combine(".interrupted.partial")));
        Assert.False(File.Exists(Path.Combine(interrupted, "checkpoint.bin")));
    }

    [Fact]
    public void Resume_without_a_checkpoint_or_with_other_inputs_is_refused()
    {
        using var temp = new TempFolder();
        var (model, protocol) = Files(temp, "multirate");
        var (code, _, stderr) = CliRunner.Run("run", model, protocol, "--out", temp.Combine("x"), "--resume");
        Assert.Equal(2, code);
        Assert.Contains("--resume: there is no interrupted run of --out", stderr, StringComparison.Ordinal);

        (code, _, _) = CliRunner.Run("run", model, protocol, "--out", temp.Combine("x"), "--checkpoint-steps", "100", "--abort-after-steps", "300");
        Assert.Equal(3, code);
        (code, _, stderr) = CliRunner.Run("run", model, protocol, "--out", temp.Combine("x"), "--resume", "--seed", "99");
        Assert.Equal(2, code);
        Assert.Contains("was written by a different model, protocol, seed or --set", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_diverging_run_stops_with_the_neuron_time_and_a_suggested_dt_and_keeps_its_output_marked_incomplete()
    {
        using var temp = new TempFolder();
        var model = temp.File("model.yaml", MalformedFilesTests.BaseModel
            .Replace("activation: tanh", "activation: linear", StringComparison.Ordinal)
            .Replace("    - {from: hidden, to: out}", "    - {from: hidden, to: out}\n    - {from: hidden, to: hidden, weights: {gain: 40}}", StringComparison.Ordinal));
        var protocol = temp.File("protocol.yaml", MalformedFilesTests.BaseProtocol.Replace("duration: 20 ms", "duration: 5 s", StringComparison.Ordinal));
        var outDir = temp.Combine("out");
        var (code, _, stderr) = CliRunner.Run("run", model, protocol, "--out", outDir);
        Assert.Equal(2, code);
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(stderr, @"^neurosim: error: the simulation diverged at t = [0-9.]+ ms: [xc]\[hidden:[0-2]\] \(process '(firing|credit)'\) is not finite; dt = 1 ms already resolves the fastest time constant \(10 ms\), so the network's own dynamics diverge"), stderr);
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "manifest.json")));
        Assert.Equal("incomplete", manifest.RootElement.GetProperty("status").GetString());
        Assert.True(File.ReadAllLines(Path.Combine(outDir, "monitors", "h.csv")).Length > 10, "samples written before the divergence are kept");
    }

    [Theory]
    [InlineData("multirate")]
    [InlineData("adiabatic")]
    public void A_run_interrupted_before_its_first_step_resumes_without_repeating_the_first_sample(string mode)
    {
        using var temp = new TempFolder();
        var (model, protocol) = Files(temp, "multirate");
        if (mode == "adiabatic")
        {
            model = temp.File("model.yaml", File.ReadAllText(model).Replace("  mode: multirate\n  dt: 1 ms\n  processes:\n    credit: {integrator: exp-euler, every: 10 ms}", "  mode: adiabatic\n  dt: 1 ms", StringComparison.Ordinal));
            Assert.Contains("mode: adiabatic", File.ReadAllText(model), StringComparison.Ordinal);
        }

        Run(model, protocol, temp.Combine("whole"));
        using var interrupt = new CancellationTokenSource();
        interrupt.Cancel();
        var cut = temp.Combine("cut");
        var outcome = NeuroSim.Experiments.ExperimentRunner.Execute(NeuroSim.Experiments.ExperimentRunner.Prepare(new NeuroSim.Experiments.RunRequest(model, protocol, cut) { Interrupt = interrupt.Token }));
        Assert.Equal(("interrupted", 0L), (outcome.Status, outcome.Steps));
        Run(model, protocol, cut, "--resume");
        SameBytes.InFolders(temp.Combine("whole"), cut, ["monitors/h.csv", "monitors/w.csv", "epochs.csv", "weights/in-hidden.csv", "biases.csv"], $" after resuming from step 0 ({mode})");
    }

    private static void Run(string model, string protocol, string outDir, params string[] extra)
    {
        CliRunner.Succeeds(["run", model, protocol, "--out", outDir, .. extra]);
    }

    private static (string Model, string Protocol) Files(TempFolder temp, string variant)
    {
        var model = MalformedFilesTests.BaseModel.Replace("learning_rate: 0.1", "learning_rate: 0.5", StringComparison.Ordinal);
        model = variant switch
        {
            "messenger" => model
                .Replace("plasticity: 1 s}", "plasticity: 1 s, messenger: 20 ms}\nspillover: 0.3", StringComparison.Ordinal)
                .Replace("    credit: {integrator: exp-euler, every: 10 ms}", "    credit: {integrator: exp-euler, every: 10 ms}\n    messenger: {integrator: heun, every: 2 ms}", StringComparison.Ordinal),
            "coupled-dopri5" => model.Replace("  mode: multirate\n  dt: 1 ms\n  processes:\n    credit: {integrator: exp-euler, every: 10 ms}", "  mode: coupled\n  dt: 1 ms\n  integrator: dopri5", StringComparison.Ordinal),
            _ => model,
        };
        Assert.Contains(variant == "coupled-dopri5" ? "dopri5" : "multirate", model, StringComparison.Ordinal);
        return (temp.File("model.yaml", model + "\n"), temp.File("protocol.yaml", NoisyProtocol));
    }
}

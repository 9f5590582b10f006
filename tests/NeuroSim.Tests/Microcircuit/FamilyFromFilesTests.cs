using NeuroSim.Analysis.Microcircuit.Continuous.Association;
using NeuroSim.Core.RunFolders;
using NeuroSim.Tests.Support;

namespace NeuroSim.Tests.Microcircuit;

/// <summary>The microcircuit as a model family: `neurosim run` with models/microcircuit-*.yaml and their protocols.</summary>
public sealed class FamilyFromFilesTests
{
    private const string Model = SmallCircuitFiles.Model;

    private const string Protocol = """
        name: exercise
        timeline:
          - clamp_input: {group: L0, values: [0.1, 0.9, 0.3, 0.5, 0.7, 0.2]}
          - run: 50 ms
          - clamp_output: {group: L2, target: {random: uniform, low: -1, high: 1}}
          - drive: {pool: soma, neurons: [L1:0-1], waveform: noise, std: 0.3, correlation: 5 ms, duration: 80 ms}
          - run: 100 ms
          - vip_gate: 0.5
          - drive: {pool: apical, neurons: [L1], waveform: step, amplitude: 0.2, duration: 30 ms}
          - silence_sst: true
          - run: 60 ms
          - silence_sst: false
          - plasticity: {class: up, gain: 0}
          - nudge: off
          - run: 40 ms
          - nudge: on
          - plasticity: {class: all, gain: 2}
          - run: 50 ms
        monitors:
          - {name: traces, variables: [u, r, vB, vA, td, lat, tgt, uI, vI], neurons: [all], every: 0.5 ms}
          - {name: errors, variables: [output_error_sq, apical_sq, tracking_sq], every: 1 ms}
          - {name: weights, variables: [W_up, B, W_ip, W_pi], every: 10 ms}
        """;

    private static readonly string[] ResultFiles =
        ["monitors/traces.csv", "monitors/errors.csv", "monitors/weights.csv", "epochs.csv", "weights/L0-L1.csv", "weights/L1-L2.csv", "weights/L2-L1.csv", "weights/L1-I1.csv", "weights/I1-L1.csv"];

    /// <summary>
    /// The shipped association files against `neurosim microcircuit association` (AssociationExperiment) with seed 1 and
    /// a 1 s target: the same model built, the same arithmetic in the same order (coupled Euler, then the noise step), so
    /// every trace is bit for bit the same, except where the two sample a switching time differently: the command
    /// switches first and then samples step 2000 (and 12000); the protocol runner samples the end of a run before the
    /// next action. So tgt differs at t = 200 ms and 1200 ms only, and output_error_sq (against the target once it is
    /// set) before and at 200 ms.
    /// </summary>
    [Fact]
    public void The_association_files_reproduce_the_association_command_bit_for_bit()
    {
        using var temp = new TempFolder();
        var root = CliRunner.RepositoryRoot();
        var protocol = temp.File("association.yaml", File.ReadAllText(Path.Combine(root, "protocols", "microcircuit-association.yaml")).Replace("run: 15 s", "run: 1 s", StringComparison.Ordinal));
        var outDir = temp.Combine("run");
        var (code, _, stderr) = CliRunner.Run("run", Path.Combine(root, "models", "microcircuit-association.yaml"), protocol, "--out", outDir);
        Assert.True(code == 0, stderr);

        var options = new AssociationOptions { TargetMs = 1000, Seed = 1 };
        var tracesPath = temp.Combine("command-traces.csv");
        AssociationResult result;
        using (var traces = new CsvTableWriter(tracesPath, AssociationExperiment.TraceHeader(options)))
        {
            result = AssociationExperiment.Run(options, traces);
        }

        var (header, expected) = CsvFiles.ReadCells(tracesPath);
        var (actualHeader, actual) = CsvFiles.ReadCells(Path.Combine(outDir, "monitors", "traces.csv"));
        Assert.Equal(expected.Length, actual.Length);
        Assert.Equal(header, actualHeader);
        for (var row = 0; row < expected.Length; row++)
        {
            var (e, a) = (expected[row], actual[row]);
            if (e.SequenceEqual(a))
            {
                continue;
            }

            Assert.True(e[0] is "200" or "1200", $"row t = {e[0]} differs: {string.Join(",", e)} / {string.Join(",", a)}");
            for (var c = 0; c < e.Length; c++)
            {
                Assert.True(e[c] == a[c] || header[c].StartsWith("tgt[", StringComparison.Ordinal), $"t = {e[0]}: {header[c]} differs");
            }
        }

        var (errorHeader, errors) = CsvFiles.ReadNumbers(Path.Combine(outDir, "monitors", "errors.csv"));
        Assert.Equal(["time_ms", "output_error_sq", "apical_sq", "tracking_sq"], errorHeader);
        Assert.Equal(result.TimeMs.Length, errors.Length);
        for (var k = 0; k < result.TimeMs.Length; k++)
        {
            var v = errors[k];
            Assert.Equal(result.TimeMs[k], v[0]);
            Assert.Equal(result.Apical[k], v[2]);
            Assert.Equal(result.Tracking[k], v[3]);
            if (result.TimeMs[k] > options.SettleMs)
            {
                Assert.Equal(result.OutputError[k], v[1]);
            }
        }
    }

    [Fact]
    public void Plot_apical_draws_a_file_driven_run()
    {
        using var temp = new TempFolder();
        var root = CliRunner.RepositoryRoot();
        var protocol = temp.File("association.yaml", File.ReadAllText(Path.Combine(root, "protocols", "microcircuit-association.yaml"))
            .Replace("run: 15 s", "run: 300 ms", StringComparison.Ordinal).Replace("run: 500 ms", "run: 100 ms", StringComparison.Ordinal));
        var outDir = temp.Combine("run");
        var (code, _, stderr) = CliRunner.Run("run", Path.Combine(root, "models", "microcircuit-association.yaml"), protocol, "--out", outDir);
        Assert.True(code == 0, stderr);
        (code, _, stderr) = CliRunner.Run("plot", outDir, "--kind", "apical");
        Assert.True(code == 0, stderr);
        var svg = File.ReadAllText(Path.Combine(outDir, "plots", "apical.svg"));
        Assert.Contains("<svg", svg, StringComparison.Ordinal);
        Assert.Contains("L1:0", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void A_microcircuit_run_killed_mid_way_and_resumed_ends_bit_for_bit_like_an_uninterrupted_run()
    {
        using var temp = new TempFolder();
        var model = temp.File("model.yaml", Model);
        var protocol = temp.File("protocol.yaml", Protocol);
        Run(model, protocol, temp.Combine("whole"));

        var interrupted = temp.Combine("interrupted");
        var (code, _, stderr) = CliRunner.Run("run", model, protocol, "--out", interrupted, "--checkpoint-steps", "250", "--abort-after-steps", "1234");
        Assert.True(code == 3, stderr);
        Assert.True(File.Exists(temp.Combine(".interrupted.partial", "checkpoint.bin")));
        (code, _, stderr) = CliRunner.Run("run", model, protocol, "--out", interrupted, "--resume");
        Assert.True(code == 0, stderr);
        foreach (var file in ResultFiles)
        {
            Assert.True(File.ReadAllBytes(temp.Combine("whole", file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(interrupted, file))), $"{file} differs after resume");
        }
    }

    [Fact]
    public void The_family_actions_act_and_plasticity_gain_zero_freezes_every_class()
    {
        using var temp = new TempFolder();
        var model = temp.File("model.yaml", Model);
        const string Frozen = "name: frozen\ntimeline:\n  - plasticity: {class: all, gain: 0}\n  - clamp_input: {group: L0, values: [1, 0, 1, 0, 1, 0]}\n  - clamp_output: {group: L2, target: [1, -1, 1, -1]}\n  - run: DURATION\nmonitors:\n  - {name: e, variables: [apical_sq], every: 1 ms}\n";
        Run(model, temp.File("short.yaml", Frozen.Replace("DURATION", "1 ms", StringComparison.Ordinal)), temp.Combine("short"));
        Run(model, temp.File("long.yaml", Frozen.Replace("DURATION", "200 ms", StringComparison.Ordinal)), temp.Combine("long"));
        foreach (var file in ResultFiles.Where(f => f.StartsWith("weights/", StringComparison.Ordinal)))
        {
            Assert.Equal(File.ReadAllText(temp.Combine("short", file)), File.ReadAllText(temp.Combine("long", file)));
        }

        // The full exercise: the nudge, gate, SST and drive steps appear in epochs.csv and leave finite traces.
        Run(model, temp.File("protocol.yaml", Protocol), temp.Combine("all"));
        var epochs = File.ReadAllText(temp.Combine("all", "epochs.csv"));
        foreach (var kind in new[] { "vip-gate", "silence-sst", "restore-sst", "nudge-off", "nudge-on", "block", "scale", "drive-soma", "drive-apical" })
        {
            Assert.Contains($",{kind},", epochs, StringComparison.Ordinal);
        }

        var header = CsvFiles.ReadHeader(temp.Combine("all", "monitors", "traces.csv"));
        Assert.Contains("r[L0:5]", header);
        Assert.Contains("vI[I1:3]", header);
        Assert.Contains("tgt[L2:0]", header);
        Assert.DoesNotContain("vA[L2:0]", header);
        Assert.DoesNotContain("u[L0:0]", header);
    }

    [Theory]
    [InlineData("layers: [6, 5, 4]", "layers: [6, 0, 4]", "model.yaml:4:13: layers[1]: 0 is out of range")]
    [InlineData("layers: [6, 5, 4]", "layers: [6, 4]", "model.yaml:4:9: layers: 2 sizes given; the microcircuit needs an input, at least one hidden layer and an output")]
    [InlineData("noise: {sigma: 0.1}", "noise: {sigma: -1}", "model.yaml:6:16: noise.sigma: -1 is out of range; allowed: >= 0 and <= 10")]
    [InlineData("noise: {sigma: 0.1}", "noise: {sigma: 0.1, convention: ito}", "model.yaml:6:33: noise.convention: unknown value 'ito'; valid: per-step, euler-maruyama")]
    [InlineData("up: [1e-3, 1e-3]", "up: [1e-3]", "model.yaml:5:22: learning_rates.up: 1 learning rates given; the network needs 2, one per layer (L1..LN)")]
    [InlineData("seed: 3", "seed: 3\nconductances: {g_lk: 0.1, g_X: 1}", "model.yaml:10:27: conductances.g_X: unknown field 'g_X'; valid: g_lk, g_B, g_A, g_D, g_som")]
    [InlineData("seed: 3", "seed: 3\nsize: 3", "model.yaml:10:1: size: unknown field 'size'; valid: kind, name, description, citation, layers,")]
    [InlineData("seed: 3", "seed: 3\ntransfer: relu", "model.yaml:10:11: transfer: unknown value 'relu'; valid: logistic, soft-relu")]
    [InlineData("mode: coupled", "mode: multirate", "model.yaml:8:19: scheduler.mode: multirate is not available for the microcircuit")]
    [InlineData("mode: coupled", "mode: adiabatic", "model.yaml:6:16: noise.sigma: must be 0 with scheduler mode adiabatic")]
    [InlineData("dt: 0.1 ms", "dt: 0.1", "model.yaml:8:32: scheduler.dt: '0.1' is not a duration with a unit")]
    public void Model_file_errors_name_the_file_line_column_field_and_range(string from, string to, string message) =>
        SmallCircuitFiles.AssertModelRefused(Model.Replace(from, to, StringComparison.Ordinal), message);

    [Theory]
    [InlineData("  - prune: {fraction: 0.1}\n", "{name: m, variables: [u], neurons: [L1], every: 1 ms}", "protocol.yaml:4:12: timeline[1].prune: action 'prune' is not available for models of kind 'microcircuit'")]
    [InlineData("", "{name: m, variables: [u, x], neurons: [L1], every: 1 ms}", "protocol.yaml:5:5: monitors[0]: unknown variable 'x'; valid for models of kind 'microcircuit': u, r, vB, vA, td, lat, tgt, uI, vI, b, W_up, B, W_ip, W_pi, output_error_sq, output_rate_error_sq, apical_sq, tracking_sq")]
    [InlineData("", "{name: m, variables: [vA], neurons: [L2], every: 1 ms}", "protocol.yaml:5:5: monitors[0]: variable 'vA' is not defined for any of the neurons L2; it is defined for the hidden layers L1..L1 (the output has no apical compartment)")]
    [InlineData("", "{name: m, variables: [W_up], projections: [L1->L0], every: 1 ms}", "protocol.yaml:5:5: monitors[0]: unknown projection 'L1->L0' for W_up; valid: L0->L1, L1->L2")]
    [InlineData("  - drive: {pool: excitatory, neurons: [L1], waveform: step, amplitude: 1}\n", "{name: m, variables: [u], neurons: [L1], every: 1 ms}", "protocol.yaml:4:12: timeline[1].drive: unknown pool 'excitatory'; valid for models of kind 'microcircuit': soma, basal, apical, dendrite")]
    [InlineData("  - vip_gate: 2\n", "{name: m, variables: [u], neurons: [L1], every: 1 ms}", "protocol.yaml:4:15: timeline[1].vip_gate: 2 is out of range; allowed: >= 0 and <= 1")]
    [InlineData("  - plasticity: {class: W, gain: 1}\n", "{name: m, variables: [u], neurons: [L1], every: 1 ms}", "protocol.yaml:4:25: timeline[1].plasticity.class: unknown value 'W'; valid: up, down, ip, pi, all")]
    public void Protocol_errors_for_a_microcircuit_are_one_line_at_their_position(string step, string monitor, string message)
    {
        using var temp = new TempFolder();
        var model = temp.File("model.yaml", Model);
        var protocol = temp.File("protocol.yaml", $"name: p\ntimeline:\n  - run: 10 ms\n{step}monitors:\n  - {monitor}\n");
        var (code, _, stderr) = CliRunner.Run("run", model, protocol, "--out", temp.Combine("out"));
        Assert.Equal(2, code);
        Assert.Equal($"neurosim: error: {temp.Combine(message)}", stderr.Trim());
        Assert.False(Directory.Exists(temp.Combine("out")));
    }

    private static void Run(string model, string protocol, string outDir)
    {
        var (code, _, stderr) = CliRunner.Run("run", model, protocol, "--out", outDir);
        Assert.True(code == 0, stderr);
    }
}

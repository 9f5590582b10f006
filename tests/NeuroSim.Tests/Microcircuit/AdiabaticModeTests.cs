using NeuroSim.Analysis.Microcircuit.Mnist;
using NeuroSim.Core.Randomness;
using NeuroSim.Core.Scheduling;
using NeuroSim.Experiments;
using NeuroSim.Models.Microcircuit;
using NeuroSim.Models.Protocols;

namespace NeuroSim.Tests.Microcircuit;

/// <summary>
/// The microcircuit's adiabatic mode: each window is the two-step steady-state scheme (settle, then one weight step of
/// T eta Delta), checked against <see cref="SteadyStateScheme"/> and the MNIST experiment's per-pattern update
/// (<see cref="TwoStepLearner"/>, a batch of one, every rate times the gains and T) computed independently.
/// </summary>
public sealed class AdiabaticModeTests
{
    private const string Model = """
        kind: microcircuit
        name: small-adiabatic
        citation: test
        layers: [4, 3, 3, 2]
        learning_rates: {up: [0.02, 0.03, 0.05], ip: [0.04, 0.01], pi: [0.02, 0.03], down: [0.01, 0.02]}
        biases: true
        initial_weights: {scale: 0.8}
        scheduler: {mode: adiabatic, dt: 0.5 ms}
        seed: 5
        """;

    private const string Protocol = """
        name: windows
        timeline:
          - present: {input: [0.2, 0.8, 0.5, 0.1], target: [0.5, -0.5], duration: 5 ms}
          - vip_gate: 0.5
          - present: {input: [0.9, 0.1, 0.4, 0.6], target: [-0.3, 0.7], duration: 2.5 ms}
          - silence_sst: true
          - nudge: off
          - run: 5 ms
          - silence_sst: false
          - vip_gate: 1
          - nudge: on
          - plasticity: {class: up, gain: 0}
          - plasticity: {class: ip, gain: 3}
          - present: {input: [0.3, 0.3, 0.7, 0.2], target: [0.1, 0.2], duration: 10 ms}
          - plasticity: {class: all, gain: 1}
          - present: {input: [0.6, 0.5, 0.1, 0.9], target: [0.4, -0.2], duration: 7.5 ms}
        monitors:
          - {name: traces, variables: [u, uI], neurons: [all], every: 2.5 ms}
          - {name: weights, variables: [W_up, B, W_ip, W_pi], every: 2.5 ms}
        """;

    private static readonly string[] ResultFiles =
        ["monitors/traces.csv", "monitors/weights.csv", "epochs.csv", "weights/L0-L1.csv", "weights/L2-L3.csv", "weights/L3-L2.csv", "weights/L2-I2.csv", "weights/I1-L1.csv", "biases.csv"];

    /// <summary>One window of the protocol above as the independent computation sees it.</summary>
    private sealed record Window(double[] Input, double[]? Target, double Ms, double Gate, bool Silenced, double UpGain, double IpGain);

    private static readonly Window[] Windows =
    [
        new([0.2, 0.8, 0.5, 0.1], [0.5, -0.5], 5, 1, false, 1, 1),
        new([0.9, 0.1, 0.4, 0.6], [-0.3, 0.7], 2.5, 0.5, false, 1, 1),
        new([0.9, 0.1, 0.4, 0.6], null, 5, 0.5, true, 1, 1),
        new([0.3, 0.3, 0.7, 0.2], [0.1, 0.2], 10, 1, false, 0, 3),
        new([0.6, 0.5, 0.1, 0.9], [0.4, -0.2], 7.5, 1, false, 1, 1),
    ];

    [Fact]
    public void One_adiabatic_window_is_the_two_step_update_of_the_mnist_experiment_scaled_by_the_window()
    {
        var rates = new MicrocircuitRates([0.02, 0.03, 0.05], [0.04, 0.01], [0.02, 0.03], [0.01, 0.02]);
        var spec = new MicrocircuitSpec { Sizes = [6, 5, 4, 3], Conductances = new Conductances(Apical: 0.8, Somatic: 0.8), Rates = rates, Biases = true };
        var model = new MicrocircuitModel(spec);
        Circuits.Randomize(model.Weights, 11, 0.7);
        var weights = new MicrocircuitWeights(spec.Sizes, biases: true);
        model.Weights.All.CopyTo(weights.All);
        var scheduler = new Scheduler(model, new SchedulerOptions { Mode = SchedulerMode.Adiabatic, DtMs = 0.5 });
        var input = Circuits.Pattern(6, 1);
        var target = Circuits.Pattern(3, 2, -1, 1);

        // T = 1 ms: exactly the MNIST experiment's per-pattern update with the file's rates.
        model.Present(input, target);
        scheduler.RunFor(1.0);
        var learner = new TwoStepLearner(spec, weights, rates);
        learner.TrainBatch([input], [target], [0], 0, 1);
        Assert.Equal(weights.All.ToArray(), model.Weights.All.ToArray());
        Assert.Equal(learner.Scheme.AllPyramidal.ToArray(), model.AllPyramidal.ToArray());
        Assert.Equal(learner.Scheme.AllInterneurons.ToArray(), model.AllInterneurons.ToArray());
        Assert.Equal(input, model.FilteredInput.ToArray());
        Assert.Equal(2, scheduler.Clock.Step);

        // T = 3.5 ms with the VIP gate half open and the top-down class at gain 2: every rate times gain x T.
        model.InterneuronGate = 0.5;
        model.SetClassGain(PlasticClass.Down, 2.0);
        var input2 = Circuits.Pattern(6, 3);
        var target2 = Circuits.Pattern(3, 4, -1, 1);
        model.Present(input2, target2);
        scheduler.RunFor(3.5);
        learner = new TwoStepLearner(spec, weights, Scaled(rates, 3.5, 1, 1, down: 2));
        learner.Scheme.InterneuronGate = 0.5;
        learner.TrainBatch([input2], [target2], [0], 0, 1);
        Assert.Equal(weights.All.ToArray(), model.Weights.All.ToArray());
        Assert.Equal(learner.Scheme.AllPyramidal.ToArray(), model.AllPyramidal.ToArray());
        Assert.Equal(9, scheduler.Clock.Step);
    }

    [Fact]
    public void A_protocol_in_adiabatic_mode_runs_and_its_monitors_show_the_settled_potentials()
    {
        using var temp = new TempFolder();
        var model = temp.File("model.yaml", Model);
        var protocol = temp.File("protocol.yaml", Protocol);
        var run = ExperimentRunner.Prepare(new RunRequest(model, protocol, temp.Combine("run")));
        var circuit = Assert.IsType<MicrocircuitModel>(run.Model);
        var spec = circuit.Spec;
        var weights = new MicrocircuitWeights(spec.Sizes, spec.Biases);
        circuit.Weights.All.CopyTo(weights.All);
        var outcome = ExperimentRunner.Execute(run);
        Assert.Equal("complete", outcome.Status);
        Assert.Equal(30.0, outcome.SimulatedMs);

        var (header, rows) = CsvFiles.ReadNumbers(temp.Combine("run", "monitors", "traces.csv"));
        var time = 0.0;
        foreach (var w in Windows)
        {
            var scheme = Replay(spec, circuit.Rates, weights, w);
            time += w.Ms;
            var row = rows.Single(r => r[0] == time);
            for (var l = 0; l < spec.Layers; l++)
            {
                var u = scheme.Pyramidal(l);
                for (var i = 0; i < u.Length; i++)
                {
                    Assert.Equal(u[i], row[Array.IndexOf(header, $"u[L{l + 1}:{i}]")]);
                }

                if (l < spec.Layers - 1)
                {
                    var uI = scheme.Interneuron(l);
                    for (var i = 0; i < uI.Length; i++)
                    {
                        Assert.Equal(uI[i], row[Array.IndexOf(header, $"u[I{l + 1}:{i}]")]);
                    }
                }
            }
        }

        Assert.Equal(weights.All.ToArray(), circuit.Weights.All.ToArray());
    }

    [Fact]
    public void An_adiabatic_run_interrupted_mid_way_resumes_byte_identically()
    {
        using var temp = new TempFolder();
        var model = temp.File("model.yaml", Model);
        var protocol = temp.File("protocol.yaml", Protocol);
        CliRunner.Succeeds("run", model, protocol, "--out", temp.Combine("whole"));

        // Adiabatic runs checkpoint when interrupted (between windows), not every N steps. Stand-in for an interrupt after
        // the third window: the run killed there (--abort-after-steps: the partial folder as a kill leaves it, no checkpoint),
        // then the protocol runner `neurosim run` uses, started afresh in that folder, runs to the same step and writes the
        // checkpoint an interrupt writes.
        var outDir = temp.Combine("interrupted");
        var (code, _, stderr) = CliRunner.Run("run", model, protocol, "--out", outDir, "--abort-after-steps", "25");
        Assert.True(code == 3, stderr);
        var partial = temp.Combine(".interrupted.partial");
        var run = ExperimentRunner.Prepare(new RunRequest(model, protocol, outDir) { Resume = true });
        using (var runner = new ProtocolRunner(run.Model, run.Scheduler, run.Program, new SeededRandom(run.Seed ^ 0x5EED_0F_9807_0C01UL), run.Monitors))
        {
            runner.OpenOutputs(partial);
            runner.Run(untilStep: 25);
            Assert.Equal(25, run.Scheduler.Clock.Step);
            Assert.False(runner.Finished);
            runner.WriteCheckpoint(Path.Combine(partial, ExperimentRunner.CheckpointFile), run.Fingerprint);
        }

        CliRunner.Succeeds("run", model, protocol, "--out", outDir, "--resume");
        SameBytes.InFolders(temp.Combine("whole"), outDir, ResultFiles, " after resume");
    }

    [Theory]
    [InlineData("mode: adiabatic, dt: 0.5 ms", "mode: multirate, dt: 0.5 ms", "model.yaml:8:19: scheduler.mode: multirate is not available for the microcircuit: its somatic noise is one increment per coupled step; use mode: coupled (continuous time) or mode: adiabatic")]
    [InlineData("dt: 0.5 ms}", "dt: 0.5 ms, integrator: rk4}", "model.yaml:8:54: scheduler.integrator: not used in adiabatic mode")]
    [InlineData("seed: 5", "seed: 5\nnoise: {sigma: 0.1}", "model.yaml:10:16: noise.sigma: must be 0 with scheduler mode adiabatic: the two-step steady-state scheme is noiseless")]
    [InlineData("mode: adiabatic, dt: 0.5 ms", "mode: coupled, dt: 0.5 ms, passes: 2", "model.yaml:8:48: scheduler.passes: only used in adiabatic mode")]
    public void Model_files_refuse_what_the_adiabatic_mode_cannot_do(string from, string to, string message) =>
        SmallCircuitFiles.AssertModelRefused(Model.Replace(from, to, StringComparison.Ordinal), message);

    [Fact]
    public void A_lesion_is_refused_in_adiabatic_mode_when_the_protocol_is_compiled() =>
        Assert.Contains("lesion is not available in adiabatic mode", SmallCircuitFiles.RefusedRun(Model, "name: p\ntimeline:\n  - lesion: {neurons: [L1:0]}\n  - run: 1 ms\n"), StringComparison.Ordinal);

    [Fact]
    public void A_drive_is_refused_in_adiabatic_mode_when_the_protocol_is_compiled() =>
        Assert.Matches(
            "^neurosim: error: protocol.yaml:4:[0-9]+: [^ ]*drive[^ ]*: drives are not available in adiabatic mode: the two-step steady-state scheme has no external currents; use scheduler mode: coupled$",
            SmallCircuitFiles.RefusedRun(Model, "name: p\ntimeline:\n  - run: 1 ms\n  - drive: {pool: apical, neurons: [L1], waveform: step, amplitude: 0.2, duration: 3 ms}\n  - run: 5 ms\n"));

    /// <summary>One window replayed with the scheme and the MNIST learner: settle, then (nudged) the batch-of-one update with every rate times its gain and T.</summary>
    private static SteadyStateScheme Replay(MicrocircuitSpec spec, MicrocircuitRates rates, MicrocircuitWeights weights, Window w)
    {
        var scaled = Scaled(rates, w.Ms, w.UpGain, w.IpGain, down: 1);
        var learner = new TwoStepLearner(spec, weights, scaled);
        learner.Scheme.InterneuronGate = w.Gate;
        learner.Scheme.InterneuronsSilenced = w.Silenced;
        if (w.Target is { } target)
        {
            learner.TrainBatch([w.Input], [target], [0], 0, 1);
        }
        else
        {
            var induction = new double[weights.Length];
            learner.Scheme.Settle(w.Input);
            learner.Scheme.Induce(scaled, 1.0, induction);
            learner.Consolidate(induction);
        }

        return learner.Scheme;
    }

    private static MicrocircuitRates Scaled(MicrocircuitRates rates, double ms, double up, double ip, double down) => new(
        [.. rates.Up.Select(r => up * r * ms)],
        [.. rates.PyramidalToInterneuron.Select(r => ip * r * ms)],
        [.. rates.InterneuronToPyramidal.Select(r => 1.0 * r * ms)],
        [.. rates.TopDown.Select(r => down * r * ms)]);
}

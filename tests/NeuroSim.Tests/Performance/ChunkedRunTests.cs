using NeuroSim.Analysis.Benchmarking;
using NeuroSim.Core.Randomness;
using NeuroSim.Core.Scheduling;
using NeuroSim.Experiments;
using NeuroSim.Models.BalanceCredit;
using NeuroSim.Models.Protocols;

namespace NeuroSim.Tests.Performance;

/// <summary>`neurosim run` advances in chunks (and keeps float32 weights across calls): the same bits as one step at a time and as bench stepping.</summary>
[Collection(nameof(KernelThreadTests))]
public sealed class ChunkedRunTests
{
    private const int Neurons = 40;

    private const string Protocol = """
        name: chunks
        timeline:
          - present: {input: {random: uniform, low: -1, high: 1}, target: {random: uniform, low: -0.8, high: 0.8}, duration: 7.3 ms}
          - drive: {pool: excitatory, neurons: [L1], waveform: sine, amplitude: 0.2, frequency: 100, duration: 2 ms}
          - run: 4.1 ms
          - drive: {pool: credit, neurons: [L1], waveform: noise, mean: 0, std: 0.1, correlation: 1 ms}
          - run: 1.5 ms
          - clear_drives: credit
          - run: 30 ms
        monitors:
          - {name: rates, variables: [x, c], neurons: [L1, L2], every: 1.3 ms}
          - {name: loss, variables: [loss], every: 5 ms}
          - {name: weights, variables: [W], projections: [L1->L2], every: 11 ms}
        """;

    [Theory]
    [InlineData("double")]
    [InlineData("float32")]
    [InlineData("multirate")]
    [InlineData("rk4")]
    public void Chunked_advancing_writes_the_same_bytes_as_stepping_one_by_one(string weights)
    {
        using var temp = new TempFolder();
        var model = temp.File("model.yaml", ModelFile(weights));
        var protocol = temp.File("protocol.yaml", Protocol);
        var stepped = Run(model, protocol, temp.Combine("stepped"), stepByStep: true);
        var chunked = Run(model, protocol, temp.Combine("chunked"), stepByStep: false);
        Assert.Equal(stepped, chunked);
        SameBytes.InFolders(temp.Combine("stepped"), temp.Combine("chunked"), ["monitors/rates.csv", "monitors/loss.csv", "monitors/weights.csv", "epochs.csv"], $" with {weights} weights");
    }

    [Fact]
    public void Float32_weights_under_run_equal_float32_weights_under_bench_stepping()
    {
        using var temp = new TempFolder();
        var (input, target) = BenchModels.Stimulus(Neurons);
        var protocol = temp.File("protocol.yaml", $$"""
            name: bench
            timeline:
              - clamp_input: {group: L0, values: [{{Numbers(input)}}]}
              - clamp_output: {group: L2, target: [{{Numbers(target)}}]}
              - run: 30 ms
            monitors:
              - {name: loss, variables: [loss], every: 1.7 ms}
            """);
        var run = ExperimentRunner.Prepare(new RunRequest(temp.File("model.yaml", ModelFile("float32")), protocol, temp.Combine("out")));
        using (var runner = new ProtocolRunner(run.Model, run.Scheduler, run.Program, new SeededRandom(1), run.Monitors))
        {
            runner.OpenOutputs(temp.Combine("out"));
            runner.Run();
        }

        var bench = BenchModels.LayeredModel(Neurons);
        new Scheduler(bench, BenchModels.FullStepOptions(fused: true, singlePrecision: true)).Advance(run.Scheduler.Clock.Step);
        Assert.Equal(bench.State.ToArray(), run.Model.State.ToArray());
    }

    [Fact]
    public void Float32_weights_kept_across_calls_give_the_bits_of_one_call_and_follow_changes_made_between_calls()
    {
        var whole = BenchModels.LayeredModel(Neurons);
        new Scheduler(whole, BenchModels.FullStepOptions(fused: true, singlePrecision: true)).Advance(50);

        var pieces = BenchModels.LayeredModel(Neurons);
        var scheduler = new Scheduler(pieces, BenchModels.FullStepOptions(fused: true, singlePrecision: true));
        foreach (var steps in new[] { 1, 7, 19, 23 })
        {
            scheduler.Advance(steps);
        }

        Assert.Equal(whole.State.ToArray(), pieces.State.ToArray());

        // A weight changed between two calls is the weight the next call steps with.
        whole.Weights[3] = 0.25;
        pieces.Weights[3] = 0.25;
        new Scheduler(whole, BenchModels.FullStepOptions(fused: true, singlePrecision: true)).Advance(5);
        scheduler.Advance(5);
        Assert.Equal(whole.State.ToArray(), pieces.State.ToArray());
    }

    private static double[] Run(string model, string protocol, string folder, bool stepByStep)
    {
        var run = ExperimentRunner.Prepare(new RunRequest(model, protocol, folder));
        using (var runner = new ProtocolRunner(run.Model, run.Scheduler, run.Program, new SeededRandom(run.Model.StimulusSeed(run.Seed)), run.Monitors) { StepByStep = stepByStep })
        {
            runner.OpenOutputs(folder);
            runner.Run();
        }

        return run.Model.State.ToArray();
    }

    /// <summary>The scheduler line: coupled euler with double or float32 weights, the fused multirate steps (credit and plasticity paired every other step), or coupled rk4.</summary>
    private static string Scheduler(string kind) => kind switch
    {
        "multirate" => "{mode: multirate, dt: 0.1 ms, processes: {firing: {integrator: exp-euler, every: 0.1 ms}, credit: {integrator: exp-euler, every: 0.1 ms}, plasticity: {integrator: euler, every: 0.2 ms}}}",
        "rk4" => "{mode: coupled, dt: 0.1 ms, integrator: rk4}",
        _ => $"{{mode: coupled, dt: 0.1 ms, integrator: euler, weights: {kind}}}",
    };

    private static string Numbers(double[] values) => string.Join(", ", values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));

    /// <summary>The bench network of <see cref="BenchModels.LayeredModel"/> at N = 40 as a model file (bench/run/bench-network.yaml's form).</summary>
    private static string ModelFile(string weights)
    {
        var sizes = BenchModels.LayerSizes(Neurons);
        return $$"""
            name: bench-network
            network:
              groups:
                - {name: L0, size: {{sizes[0]}}}
                - {name: L1, size: {{sizes[1]}}}
                - {name: L2, size: {{sizes[2]}}}
              projections:
                - {from: L0, to: L1, weights: {distribution: normal, gain: 1.0}, storage: dense}
                - {from: L1, to: L2, weights: {distribution: normal, gain: 1.0}, storage: dense}
              learn_biases: true
            neurons: {activation: tanh, balance: slope}
            timescales: {firing: 1 ms, credit: 10 ms, plasticity: 100 ms}
            learning_rate: 0.001
            clamps: {input: [L0], output: [L2], output_mode: replace}
            scheduler: {{Scheduler(weights)}}
            seed: 3
            """;
    }
}

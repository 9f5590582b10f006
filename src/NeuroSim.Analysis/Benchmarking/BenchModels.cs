using NeuroSim.Core.Scheduling;
using NeuroSim.Models.BalanceCredit;

namespace NeuroSim.Analysis.Benchmarking;

/// <summary>The networks and schedules the bench measures.</summary>
public static class BenchModels
{
    /// <summary>The model the step figures are measured on: layers N/4, N/2, N/4, input clamped, output taught (<see cref="Stimulus"/>).</summary>
    public static BalanceCreditModel LayeredModel(int n)
    {
        var spec = BalanceCreditSpec.Layered(LayerSizes(n), new Timescales(1, 10, 100), "tanh") with { LearningRate = 1e-3, LearnBiases = true, Seed = 3 };
        var model = new BalanceCreditModel(spec);
        var (input, target) = Stimulus(n);
        model.Present(input, target);
        return model;
    }

    /// <summary>Layer sizes of the bench network of <paramref name="n"/> neurons: N/4, N/2, N/4.</summary>
    public static int[] LayerSizes(int n) => [n / 4, n / 2, n / 4];

    /// <summary>The clamped input rates of the first layer and the targets of the last, from a fixed seed.</summary>
    public static (double[] Input, double[] Target) Stimulus(int n)
    {
        var sizes = LayerSizes(n);
        var random = new NeuroSim.Core.Randomness.SeededRandom(5);
        double[] input = [.. Enumerable.Range(0, sizes[0]).Select(_ => random.NextUniform(-1, 1))];
        double[] target = [.. Enumerable.Range(0, sizes[^1]).Select(_ => random.NextUniform(-0.8, 0.8))];
        return (input, target);
    }

    /// <summary>
    /// The schedule of the full-step figures: coupled forward Euler, which the model takes as one fused pass over
    /// the weights (pools, retrograde sums and plasticity from each row read once), or the multirate schedule with
    /// every process due every step (firing from the kept evaluation, credit and plasticity in one pass).
    /// </summary>
    public static SchedulerOptions FullStepOptions(bool fused, bool singlePrecision) => fused
        ? new() { Mode = SchedulerMode.Coupled, DtMs = 0.1, Integrator = "euler", SinglePrecisionWeights = singlePrecision }
        : Schedules.EveryStep(0.1);

    /// <summary>The network, eps and schedules of the multirate-versus-coupled comparison.</summary>
    public static readonly int[] SeparationSizes = [20, 40, 10];
}

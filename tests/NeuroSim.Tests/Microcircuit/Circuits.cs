using NeuroSim.Core.Randomness;
using NeuroSim.Core.Scheduling;
using NeuroSim.Models.Microcircuit;

namespace NeuroSim.Tests.Microcircuit;

/// <summary>Small microcircuits shared by the tests (30-20-10 logistic, the reference's sanity-target network).</summary>
internal static class Circuits
{
    public static readonly int[] Small = [30, 20, 10];

    public static MicrocircuitSpec Spec(double apical = 0.8, double somatic = 0.8, MicrocircuitRates? rates = null, double sigma = 0.0, int[]? sizes = null) => new()
    {
        Sizes = sizes ?? Small,
        Conductances = new Conductances(Apical: apical, Somatic: somatic),
        Rates = rates,
        NoiseSigma = sigma,
    };

    /// <summary>Weights uniform in [-scale, scale] from a seed.</summary>
    public static void Randomize(MicrocircuitWeights weights, ulong seed, double scale = 1.0) =>
        weights.Randomize(new SeededRandom(seed), (_, _) => scale);

    public static double[] Pattern(int length, ulong seed, double low = 0.0, double high = 1.0)
    {
        var random = new SeededRandom(seed);
        return [.. Enumerable.Range(0, length).Select(_ => random.NextUniform(low, high))];
    }

    public static double SquaredNorm(ReadOnlySpan<double> v) => DenseMath.SquaredNorm(v);

    /// <summary>A 30-20-10 circuit with somatic noise 0.1 (added by the model after every scheduler step), random weights (seed 1) and one input and target presented, stepped by coupled Euler at 0.1 ms.</summary>
    public static (MicrocircuitModel Model, Scheduler Scheduler) NoisyCoupled(ulong seed, MicrocircuitRates rates)
    {
        var model = new MicrocircuitModel(Spec(rates: rates, sigma: 0.1) with { Seed = seed }) { StepNoiseDtMs = 0.1 };
        Randomize(model.Weights, seed: 1);
        model.Present(Pattern(30, 2), Pattern(10, 3, -1, 1));
        return (model, new Scheduler(model, new SchedulerOptions { Mode = SchedulerMode.Coupled, DtMs = 0.1, Integrator = "euler" }));
    }

    public static double Cosine(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double ab = 0, aa = 0, bb = 0;
        for (var k = 0; k < a.Length; k++)
        {
            ab += a[k] * b[k];
            aa += a[k] * a[k];
            bb += b[k] * b[k];
        }

        return ab / Math.Sqrt(aa * bb);
    }
}

using NeuroSim.Core.Scheduling;
using NeuroSim.Models.BalanceCredit;

namespace NeuroSim.Tests.Support;

/// <summary>Small networks, data and norms shared by the model tests.</summary>
internal static class Nets
{
    public static double[] RandomVector(int length, ulong seed, double scale = 1.0)
    {
        var random = new NeuroSim.Core.Randomness.SeededRandom(seed);
        var v = new double[length];
        for (var k = 0; k < length; k++)
        {
            v[k] = random.NextUniform(-scale, scale);
        }

        return v;
    }

    /// <summary>All dense weight matrices of the model concatenated (projection order).</summary>
    public static double[] AllDenseWeights(BalanceCreditModel model) =>
        [.. Enumerable.Range(0, model.Network.Projections.Count).SelectMany(model.DenseWeights)];

    public static double Norm(ReadOnlySpan<double> v)
    {
        var sum = 0.0;
        foreach (var x in v)
        {
            sum += x * x;
        }

        return Math.Sqrt(sum);
    }

    /// <summary>||a - b|| / ||b||.</summary>
    public static double RelativeError(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var diff = new double[a.Length];
        for (var k = 0; k < a.Length; k++)
        {
            diff[k] = a[k] - b[k];
        }

        return Norm(diff) / Norm(b);
    }

    /// <summary>The weight change of one adiabatic presentation of length <paramref name="windowMs"/>.</summary>
    public static double[] AdiabaticWeightChange(BalanceCreditModel model, double[] input, double[] target, double windowMs)
    {
        var scheduler = new Scheduler(model, new SchedulerOptions { Mode = SchedulerMode.Adiabatic, DtMs = 1.0 });
        model.Present(input, target);
        var before = AllDenseWeights(model);
        scheduler.RunFor(windowMs);
        var after = AllDenseWeights(model);
        for (var k = 0; k < after.Length; k++)
        {
            after[k] -= before[k];
        }

        return after;
    }
}

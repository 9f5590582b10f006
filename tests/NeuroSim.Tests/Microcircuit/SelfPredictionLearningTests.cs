using NeuroSim.Analysis.Microcircuit.Continuous.SelfPrediction;
using NeuroSim.Experiments;

namespace NeuroSim.Tests.Microcircuit;

public sealed class SelfPredictionLearningTests
{
    private static SelfPredictionResult Run(SelfPredictionOptions options, TempFolder temp, string name)
    {
        using var files = ShippedFiles.Extract();
        var outcome = ExperimentRunner.Execute(ExperimentRunner.Prepare(SelfPredictionExperiment.Request(options, files, temp.Combine(name))));
        Assert.Equal("complete", outcome.Status);
        return SelfPredictionResult.Read(outcome.OutputDirectory, options);
    }

    [Trait("Speed", "Slow")]
    [Fact]
    public void From_random_weights_the_apical_potential_falls_below_two_percent_of_its_initial_value()
    {
        // The acceptance run: U(-1, 1) weights, sigma 0.1, 1,500 patterns of 100 ms (reference 6.5:
        // ||v_A||^2 ~28 -> ~0.04 within 50 patterns, then a noise floor of 0.05-0.3).
        using var temp = new TempFolder();
        var result = Run(new SelfPredictionOptions { Patterns = 1500 }, temp, "run");
        var points = result.Points;
        var initial = points[0].ApicalSquared;
        var floor = points.Skip(1400).Average(p => p.ApicalSquared);
        var lateFloor = points.Skip(1400).Max(p => p.ApicalSquared);

        Assert.InRange(initial, 5.0, 100.0);
        Assert.True(floor < 0.02 * initial, $"mean ||v_A||^2 over patterns 1401-1500 = {floor:G3}, initial {initial:G3}");
        Assert.True(lateFloor < 0.1 * initial, $"largest ||v_A||^2 over patterns 1401-1500 = {lateFloor:G3}, initial {initial:G3}");

        // The interneurons learn to copy the output: their distance falls by an order of magnitude.
        var trackingStart = points[0].TrackingSquared;
        var trackingEnd = points.Skip(1400).Average(p => p.TrackingSquared);
        Assert.True(trackingEnd < 0.1 * trackingStart, $"||u_out - u_I||^2 {trackingStart:G3} -> {trackingEnd:G3}");

        // ...while W_PI stays far from the analytic -B (function, not weights, is what is learned).
        Assert.InRange(points[^1].LateralDistance, 0.5 * result.InitialLateralDistance, result.InitialLateralDistance);
    }

    [Fact]
    public void The_same_seed_gives_bit_identical_measures_and_another_seed_does_not()
    {
        using var temp = new TempFolder();
        var options = new SelfPredictionOptions { Patterns = 3 };
        var a = Run(options, temp, "a").Points;
        var b = Run(options, temp, "b").Points;
        var c = Run(options with { Seed = 2 }, temp, "c").Points;
        Assert.Equal(3, a.Count);
        Assert.Equal(a, b);
        Assert.NotEqual(a[2].ApicalSquared, c[2].ApicalSquared);
    }

    [Fact]
    public void Deeper_circuits_run_from_the_same_files_with_one_rate_per_class()
    {
        using var temp = new TempFolder();
        var result = Run(new SelfPredictionOptions { Sizes = [8, 6, 5, 4], Patterns = 2 }, temp, "deep");
        Assert.True(result.Points.All(p => double.IsFinite(p.ApicalSquared) && p.ApicalSquared > 0));
        Assert.True(result.Points[^1].LateralDistance < result.InitialLateralDistance, "W_PI learns toward -B in both hidden layers");
    }
}

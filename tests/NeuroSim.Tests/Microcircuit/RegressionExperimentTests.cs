using NeuroSim.Analysis.Microcircuit.Continuous.Regression;
using NeuroSim.Core.Neurons;
using NeuroSim.Models.Training;

namespace NeuroSim.Tests.Microcircuit;

public sealed class RegressionExperimentTests
{
    private static readonly ScaledSoftPlusActivation Phi = new();

    private static double SoftRelu(double u) => 0.1 * Math.Log(1 + Math.Exp(u - 3));

    [Theory]
    [InlineData(-12.0)]
    [InlineData(-2.5)]
    [InlineData(0.0)]
    [InlineData(3.0)]
    [InlineData(7.5)]
    [InlineData(30.0)]
    public void The_target_potential_is_the_inverse_of_the_soft_relu(double u)
    {
        var rate = SoftRelu(u);
        Assert.Equal(u, Teacher.InversePotential(Phi, rate), 1e-6);
    }

    [Fact]
    public void The_teacher_is_phi_of_k21_w21_phi_of_k10_w10_r0()
    {
        // 2-2-1 by hand: hidden pre-activations 2 (0.5 - 0.4) = 0.2 and 2 (-1 + 0.8) = -0.4.
        var teacher = new Teacher([2, 2, 1], 2, 10, Phi, [0.5, 0.2, -1.0, -0.4], [0.7, -0.3]);
        var hidden = new[] { SoftRelu(0.2), SoftRelu(-0.4) };
        var expected = SoftRelu(10 * ((0.7 * hidden[0]) - (0.3 * hidden[1])));
        Assert.Equal(expected, teacher.Rates([1.0, -2.0])[0], 15);
    }

    [Fact]
    public void The_curve_is_the_mean_of_each_test_block_at_the_ends_of_its_patterns()
    {
        // E = 2 training patterns between blocks, T = 3 test patterns: block b starts at b (3 + 2) x 100 ms and its
        // samples are at +100, +200, +300 ms. Fill test.csv with t / 100 everywhere, so block b's mean is 5b + 2.
        using var temp = new TempFolder();
        var options = new RegressionOptions { Patterns = 4, EvaluateEvery = 2, TestPatterns = 3, AverageFactor = 0.5 };
        Directory.CreateDirectory(temp.Combine("run", "monitors"));
        File.WriteAllLines(temp.Combine("run", "monitors", "test.csv"), ["time_ms,output_rate_error_sq", .. Enumerable.Range(0, 14).Select(k => $"{k * 100},{k}")]);
        var curve = RegressionCurve.Read(temp.Combine("run"), RegressionLearner.Full, options);
        Assert.Equal([0, 2, 4], curve.Points.Select(p => p.Pattern));
        Assert.Equal([2.0, 7.0, 12.0], curve.Points.Select(p => p.TestError));
        Assert.Equal([2.0, 4.5, 8.25], curve.Points.Select(p => p.Average));
        Assert.Null(curve.DivergedAt);
        Assert.Equal(12.0, curve.FinalError);

        // A run that stopped inside the last block (a learner that diverged) ends its curve before it.
        File.WriteAllLines(temp.Combine("run", "monitors", "test.csv"), ["time_ms,output_rate_error_sq", .. Enumerable.Range(0, 12).Select(k => $"{k * 100},{k}")]);
        var cut = RegressionCurve.Read(temp.Combine("run"), RegressionLearner.Full, options);
        Assert.Equal(2, cut.Points.Count);
        Assert.Equal(4, cut.DivergedAt);
        Assert.True(double.IsNaN(cut.FinalError));
    }

    [Fact]
    public void Both_learners_start_from_the_same_error_and_only_the_full_one_changes_the_hidden_weights()
    {
        using var temp = new TempFolder();
        var options = new RegressionOptions { Patterns = 4, EvaluateEvery = 2, TestPatterns = 3, EtaUpHidden = 0.1, EtaUpOutput = 0.05, EtaPyramidalToInterneuron = 0.01, EtaInterneuronToPyramidal = 0.05 };
        var outcome = RegressionExperiment.Run(options, temp.Combine("cmp"), overwrite: false, resume: false, CancellationToken.None);
        Assert.Equal("complete", outcome.Status);
        var result = outcome.Result!;
        Assert.Equal([0, 2, 4], result.Full.Points.Select(p => p.Pattern));
        Assert.Equal(result.Full.Points[0].TestError, result.Shallow.Points[0].TestError);
        Assert.NotEqual(result.Full.Points[^1].TestError, result.Shallow.Points[^1].TestError);

        // Same seed, same initial weights: the shallow learner's hidden weights are where both started.
        var fullHidden = File.ReadAllText(temp.Combine("cmp", "full", "weights", "L0-L1.csv"));
        var shallowHidden = File.ReadAllText(temp.Combine("cmp", "shallow", "weights", "L0-L1.csv"));
        Assert.NotEqual(fullHidden, shallowHidden);
        foreach (var file in new[] { "regression.csv", "summary.md", "manifest.json", "figures/regression.svg", "full/manifest.json", "shallow/monitors/test.csv" })
        {
            Assert.True(File.Exists(temp.Combine("cmp", file)), file);
        }

        Assert.True(new RegressionOptions().PublishedRates);
        Assert.False(options.PublishedRates);
    }

    [Fact]
    public void A_rate_scale_runs_every_rate_times_k_and_counts_patterns_times_k()
    {
        using var temp = new TempFolder();
        var baseRates = new RegressionOptions { Patterns = 2, EvaluateEvery = 2, TestPatterns = 2, EtaUpHidden = 0.01, EtaUpOutput = 0.005, EtaPyramidalToInterneuron = 0.001, EtaInterneuronToPyramidal = 0.005 };
        var scaled = RegressionExperiment.Run(baseRates with { RateScale = 20 }, temp.Combine("scaled"), overwrite: false, resume: false, CancellationToken.None);
        var explicitRates = RegressionExperiment.Run(baseRates with { EtaUpHidden = 0.01 * 20, EtaUpOutput = 0.005 * 20, EtaPyramidalToInterneuron = 0.001 * 20, EtaInterneuronToPyramidal = 0.005 * 20 }, temp.Combine("explicit"), overwrite: false, resume: false, CancellationToken.None);
        Assert.Equal("complete", scaled.Status);
        Assert.Equal(explicitRates.Result!.Full.Points.Select(p => p.TestError), scaled.Result!.Full.Points.Select(p => p.TestError));
        foreach (var file in new[] { "full/weights/L0-L1.csv", "full/weights/I1-L1.csv", "full/weights/L1-I1.csv", "shallow/weights/L1-L2.csv" })
        {
            Assert.Equal(File.ReadAllText(temp.Combine("explicit", file)), File.ReadAllText(temp.Combine("scaled", file)));
        }

        var rows = File.ReadAllLines(temp.Combine("scaled", "regression.csv"));
        Assert.EndsWith(",equivalent_patterns", rows[0], StringComparison.Ordinal);
        Assert.Equal(["0", "40"], rows.Skip(1).Select(r => r.Split(',')[^1]));

        // 0.005 x 250 = 1.25 per ms: past the files' range, refused before anything runs.
        var refused = Assert.Throws<ArgumentException>(() => (baseRates with { RateScale = 250 }).Validate());
        Assert.Contains("--rate-scale", refused.Message, StringComparison.Ordinal);
    }
}

using NeuroSim.Analysis.Microcircuit.Continuous.Regression;
using NeuroSim.Core.Neurons;
using NeuroSim.Models.Microcircuit;
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
    public void The_test_error_is_read_at_the_settled_state_without_nudging()
    {
        // With self-predicting weights and no noise the apical potential is 0, so the settled output is the
        // feedforward phi(0.909 W21 phi(0.526 W10 r0)): the test error has a closed form.
        var options = new RegressionOptions { StudentSizes = [4, 5, 3], TeacherSizes = [4, 2, 3], TestPatterns = 3 };
        var (test, _) = RegressionExperiment.TestSet(options);
        var probe = new MicrocircuitModel(RegressionExperiment.Spec(options, RegressionLearner.Full) with { NoiseSigma = 0, Rates = null });
        var weights = new MicrocircuitWeights(options.StudentSizes, biases: false);
        Circuits.Randomize(weights, seed: 9, scale: 2.0);
        weights.SetSelfPredicting(new Conductances());
        var expected = 0.0;
        foreach (var (input, target) in test)
        {
            var hidden = Enumerable.Range(0, 5).Select(i => SoftRelu(1.0 / 1.9 * Enumerable.Range(0, 4).Sum(j => weights.Up(0)[(i * 4) + j] * input[j]))).ToArray();
            for (var o = 0; o < 3; o++)
            {
                var r = SoftRelu(1.0 / 1.1 * Enumerable.Range(0, 5).Sum(j => weights.Up(1)[(o * 5) + j] * hidden[j]));
                expected += (r - target[o]) * (r - target[o]);
            }
        }

        Assert.Equal(expected / 3, RegressionExperiment.TestError(probe, weights, test), 9);
    }

    [Fact]
    public void The_shallow_learner_changes_only_the_top_layer_and_both_start_from_the_same_error()
    {
        var options = new RegressionOptions { Patterns = 4, PatternMs = 20, EvaluateEvery = 2, TestPatterns = 3, EtaUpHidden = 0.1, EtaUpOutput = 0.05, EtaPyramidalToInterneuron = 0.01, EtaInterneuronToPyramidal = 0.05 };
        var full = RegressionExperiment.RunLearner(options, RegressionLearner.Full);
        var shallow = RegressionExperiment.RunLearner(options, RegressionLearner.Shallow);
        Assert.Equal([0, 2, 4], full.Points.Select(p => p.Pattern));
        Assert.Equal(full.Points[0].TestError, shallow.Points[0].TestError);
        Assert.NotEqual(full.Points[^1].TestError, shallow.Points[^1].TestError);

        var rates = RegressionExperiment.Rates(options, RegressionLearner.Shallow);
        Assert.Equal([0.0, 0.05], rates.Up);
        Assert.Equal([0.0], rates.PyramidalToInterneuron);
        Assert.Equal([0.0], rates.InterneuronToPyramidal);
        Assert.Equal([0.0], rates.TopDown);
        var published = RegressionExperiment.Rates(new RegressionOptions(), RegressionLearner.Full);
        Assert.True(new RegressionOptions().PublishedRates);
        Assert.False(options.PublishedRates);
        Assert.Equal([1.1875e-3, 5e-4], published.Up);
        Assert.Equal([5.9375e-3], published.InterneuronToPyramidal);
    }
}

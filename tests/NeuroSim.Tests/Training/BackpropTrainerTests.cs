using NeuroSim.Core.Neurons;
using NeuroSim.Core.Scheduling;
using NeuroSim.Models.BalanceCredit;
using NeuroSim.Models.Reference;
using NeuroSim.Models.Training;

namespace NeuroSim.Tests.Training;

public sealed class BackpropTrainerTests
{
    // Central differences with h = 1e-6 of a loss of order 1: ~1e-10 relative, well inside 1e-7.
    private const double FiniteDifferenceTolerance = 1e-7;

    // The mirror and the rule's firing fixed point are the same sums in different orders.
    private const double MirrorTolerance = 1e-12;

    public static TheoryData<string> ActivationNames => [.. Activations.Names];

    [Fact]
    public void Online_epochs_reduce_the_loss_on_XOR()
    {
        var mlp = new BackpropMlp([2, 6, 1], new TanhActivation());
        var random = new NeuroSim.Core.Randomness.SeededRandom(1);
        foreach (var w in mlp.Weights)
        {
            for (var q = 0; q < w.Length; q++)
            {
                w[q] = random.NextGaussian();
            }
        }

        var trainer = new BackpropTrainer(mlp, 0.1, learnBiases: true);
        var data = Datasets.Xor();
        var initial = trainer.MeanLoss(data);
        for (var epoch = 0; epoch < 500; epoch++)
        {
            trainer.TrainEpoch(data);
        }

        Assert.True(trainer.MeanLoss(data) < 0.01 * initial, $"loss {trainer.MeanLoss(data)} did not fall below 1% of {initial}");
    }

    [Fact]
    public void A_batch_step_is_the_rate_times_the_finite_difference_gradient_of_the_batch_mean_loss()
    {
        const double rate = 0.3;
        var mlp = new BackpropMlp([3, 4, 2], new LogisticActivation());
        var random = new NeuroSim.Core.Randomness.SeededRandom(8);
        foreach (var array in mlp.Weights.Concat(mlp.Biases))
        {
            for (var q = 0; q < array.Length; q++)
            {
                array[q] = random.NextUniform(-1, 1);
            }
        }

        double[][] inputs = [.. Enumerable.Range(0, 5).Select(k => Nets.RandomVector(3, 20 + (ulong)k))];
        double[][] targets = [.. Enumerable.Range(0, 5).Select(k => Nets.RandomVector(2, 40 + (ulong)k, 0.4).Select(v => v + 0.5).ToArray())];
        int[] order = [4, 0, 3, 1, 2];
        int[] batch = [0, 3, 1];
        double BatchMeanLoss() => batch.Average(k => mlp.Loss(inputs[k], targets[k]));
        var expected = FiniteDifferences.Gradient(BatchMeanLoss, mlp.Weights, FiniteDifferences.Step).Select(g => -rate * g).ToArray();
        var before = mlp.Weights.SelectMany(w => w).ToArray();
        var biasesBefore = mlp.Biases.SelectMany(b => b).ToArray();

        new BackpropTrainer(mlp, rate, learnBiases: false).TrainBatch(inputs, targets, order, 1, 3);

        var step = mlp.Weights.SelectMany(w => w).Select((w, q) => w - before[q]).ToArray();
        Assert.InRange(Nets.RelativeError(step, expected), 0, FiniteDifferenceTolerance);
        Assert.Equal(biasesBefore, mlp.Biases.SelectMany(b => b));
    }

    [Theory]
    [MemberData(nameof(ActivationNames))]
    public void The_mirror_of_a_model_of_any_registered_activation_has_the_rule_s_loss(string activation)
    {
        var spec = BalanceCreditSpec.Layered([3, 5, 2], new Timescales(1, 10, 100), activation, weightGain: 1.5) with
        {
            Biases = Nets.RandomVector(10, 6, 0.5),
            Seed = 4,
        };
        var model = new BalanceCreditModel(spec);
        var data = Datasets.TeacherStudent([3, 4, 2], 6, seed: 2);
        var rule = new BalanceCreditLearner(model, new SchedulerOptions { Mode = SchedulerMode.Adiabatic, DtMs = 1 }, windowMs: 100);
        var bp = new BackpropTrainer(BackpropMirror.Of(model), 0.1, learnBiases: true);
        Assert.Equal(activation, bp.Network.Activation.Name);
        var ruleLoss = rule.MeanLoss(data);
        Assert.InRange(Math.Abs(bp.MeanLoss(data) - ruleLoss), 0, MirrorTolerance * ruleLoss);
    }
}

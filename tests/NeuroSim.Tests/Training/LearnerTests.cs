using NeuroSim.Core.Scheduling;
using NeuroSim.Models.BalanceCredit;
using NeuroSim.Models.Training;

namespace NeuroSim.Tests.Training;

public sealed class LearnerTests(ITestOutputHelper output)
{
    // After 4 x 25 presentations the two runs have done the same arithmetic in different orders; the
    // rounding differences of ~1e-16 per step grow only mildly over 100 steps.
    private const double TrainingTolerance = 1e-11;

    [Fact]
    public void Adiabatic_training_equals_plain_BP_training_weight_for_weight()
    {
        const double rate = 0.2;
        var spec = BalanceCreditSpec.Layered([2, 8, 1], new Timescales(1, 10, 100), "tanh", 1.0) with
        {
            LearningRate = rate,
            LearnBiases = true,
            Biases = Nets.RandomVector(11, 3, 0.1),
            Seed = 5,
        };
        var model = new BalanceCreditModel(spec);
        var bp = new BackpropTrainer(BackpropMirror.Of(model), rate, learnBiases: true);
        var rule = new BalanceCreditLearner(model, new SchedulerOptions { Mode = SchedulerMode.Adiabatic, DtMs = 1 }, windowMs: 100);
        var data = Datasets.Xor();
        var initialLoss = bp.MeanLoss(data);
        for (var epoch = 0; epoch < 25; epoch++)
        {
            bp.TrainEpoch(data);
            rule.TrainEpoch(data);
        }

        var ruleWeights = Nets.AllDenseWeights(model);
        var bpWeights = bp.Network.Weights.SelectMany(w => w).ToArray();
        var error = Nets.RelativeError(ruleWeights, bpWeights);
        output.WriteLine($"after 25 epochs: |W_rule - W_bp|/|W_bp| = {error:E2}; loss {initialLoss:F4} -> BP {bp.MeanLoss(data):F4}, rule {rule.MeanLoss(data):F4}");
        Assert.InRange(error, 0, TrainingTolerance);
        Assert.Equal(bp.MeanLoss(data), rule.MeanLoss(data), 10);
        Assert.True(bp.MeanLoss(data) < 0.5 * initialLoss, "training made progress");
    }

    [Fact]
    public void Evaluating_the_loss_leaves_the_simulation_state_untouched()
    {
        var model = new BalanceCreditModel(BalanceCreditSpec.Layered([2, 5, 1], new Timescales(1, 5, 25)) with { LearningRate = 0.1 });
        var learner = new BalanceCreditLearner(model, new SchedulerOptions { Mode = SchedulerMode.Multirate, DtMs = 0.1 }, 5);
        var data = Datasets.Xor();
        learner.Present(data.Inputs[1], data.Targets[1]);
        var before = model.State.ToArray();
        _ = learner.MeanLoss(data);
        Assert.Equal(before, model.State.ToArray());
        learner.Present(data.Inputs[2], data.Targets[2]);
        Assert.NotEqual(before, model.State.ToArray());
    }
}

using NeuroSim.Models.Training;

namespace NeuroSim.Tests.Training;

public sealed class MnistTests
{
    [Fact]
    public void The_committed_subset_loads_as_300_real_digits_interleaved_by_class()
    {
        var data = Mnist.Load(MnistSubset.Folder);
        Assert.Equal(300, data.Count);
        Assert.All(data.Inputs, x => Assert.Equal(784, x.Length));
        Assert.All(data.Inputs, x => Assert.All(x, v => Assert.InRange(v, 0.0, 1.0)));
        Assert.Equal(Enumerable.Range(0, 20).Select(k => k % 10), data.Targets.Take(20).Select(t => Mnist.ClassOf(t)));

        // Real handwriting: every digit has ink, and ink covers a minority of the pixels.
        Assert.All(data.Inputs, x => Assert.InRange(x.Count(v => v > 0.5), 20, 400));
        Assert.Equal([-0.8, 0.8, -0.8], data.Targets[1].Take(3));
    }

    [Fact]
    public void A_missing_or_malformed_MNIST_file_is_named_in_the_error()
    {
        using var temp = new TempFolder();
        var missing = Assert.Throws<InvalidDataException>(() => Mnist.Load(temp.Path));
        Assert.Contains("0.json' not found", missing.Message, StringComparison.Ordinal);

        for (var d = 0; d < 10; d++)
        {
            File.Copy(Path.Combine(MnistSubset.Folder, $"{d}.json"), temp.Combine($"{d}.json"));
        }

        File.WriteAllText(temp.Combine("7.json"), "{\"data\": [0, 0.5, 1]}");
        var bad = Assert.Throws<InvalidDataException>(() => Mnist.Load(temp.Path));
        Assert.Contains("7.json': 3 values is not a whole number of 784-pixel digits", bad.Message, StringComparison.Ordinal);
    }
}

public sealed class MnistTrainingEquivalenceTests
{
    // Two epochs of 100 digits: 200 identical steps done in a different order of operations.
    private const double WeightTolerance = 1e-11;

    [Fact]
    public void Adiabatic_training_on_real_digits_equals_plain_BP_weight_for_weight()
    {
        var data = Mnist.Load(MnistSubset.Folder, perClass: 10);
        var spec = NeuroSim.Models.BalanceCredit.BalanceCreditSpec.Layered([784, 12, 10], new NeuroSim.Models.BalanceCredit.Timescales(1, 10, 100)) with
        {
            LearningRate = 0.02,
            LearnBiases = true,
            Seed = 3,
        };
        var model = new NeuroSim.Models.BalanceCredit.BalanceCreditModel(spec);
        var bp = new BackpropTrainer(BackpropMirror.Of(model), 0.02, learnBiases: true);
        var rule = new BalanceCreditLearner(model, new NeuroSim.Core.Scheduling.SchedulerOptions { Mode = NeuroSim.Core.Scheduling.SchedulerMode.Adiabatic, DtMs = 100 }, 100);
        for (var epoch = 0; epoch < 2; epoch++)
        {
            bp.TrainEpoch(data);
            rule.TrainEpoch(data);
        }

        var ruleWeights = Nets.AllDenseWeights(model);
        var bpWeights = bp.Network.Weights.SelectMany(w => w).ToArray();
        Assert.InRange(Nets.RelativeError(ruleWeights, bpWeights), 0, WeightTolerance);
        var ruleBiases = model.Biases[784..].ToArray();
        var bpBiases = bp.Network.Biases.SelectMany(b => b).ToArray();
        Assert.InRange(Nets.RelativeError(ruleBiases, bpBiases), 0, WeightTolerance);
        Assert.Equal(bp.Evaluate(data).Accuracy, rule.Evaluate(data).Accuracy);
    }

    [Fact]
    public void Parity_targets_follow_the_number_of_active_bits()
    {
        var parity = Datasets.Parity(4, seed: 9);
        Assert.Equal(16, parity.Count);
        for (var k = 0; k < parity.Count; k++)
        {
            var ones = parity.Inputs[k].Count(v => v > 0);
            Assert.Equal(ones % 2 == 1 ? 0.8 : -0.8, parity.Targets[k][0]);
        }

        Assert.Equal(16, parity.Inputs.Select(x => string.Join(",", x)).Distinct().Count());
    }
}

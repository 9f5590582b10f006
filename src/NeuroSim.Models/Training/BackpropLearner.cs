using NeuroSim.Models.BalanceCredit;
using NeuroSim.Models.Reference;

namespace NeuroSim.Models.Training;

/// <summary>Plain online SGD with <see cref="BackpropMlp"/>, started from a balance-credit model's initial weights.</summary>
public sealed class BackpropLearner
{
    private readonly double[][] weightGradients;
    private readonly double[][] biasGradients;

    public BackpropLearner(BackpropMlp network, double learningRate, bool learnBiases)
    {
        ArgumentNullException.ThrowIfNull(network);
        Network = network;
        LearningRate = learningRate;
        LearnBiases = learnBiases;
        (weightGradients, biasGradients) = network.NewGradientBuffers();
    }

    public BackpropMlp Network { get; }

    public double LearningRate { get; }

    public bool LearnBiases { get; }

    /// <summary>A BP network with the layered model's current weights and biases.</summary>
    public static BackpropMlp MirrorOf(BalanceCreditModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var groups = model.Network.Groups;
        var mlp = new BackpropMlp([.. groups.Select(g => g.Size)], model.Activation.Name);
        for (var k = 0; k < groups.Count - 1; k++)
        {
            var projection = model.Network.Projections[k];
            if (projection.Pre != groups[k] || projection.Post != groups[k + 1])
            {
                throw new ArgumentException("the model is not a layered chain L0 -> L1 -> ...; plain BP needs one", nameof(model));
            }

            model.DenseWeights(k).CopyTo(mlp.Weights[k], 0);
            model.Biases[groups[k + 1].Range].CopyTo(mlp.Biases[k]);
        }

        return mlp;
    }

    public void TrainEpoch(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        for (var k = 0; k < data.Count; k++)
        {
            Network.TrainStep(data.Inputs[k], data.Targets[k], LearningRate, LearnBiases, weightGradients, biasGradients);
        }
    }

    public double MeanLoss(Dataset data) => Evaluate(data).MeanLoss;

    /// <summary>Mean loss and accuracy (<see cref="Mnist.Agrees"/>) over the data set.</summary>
    public Evaluation Evaluate(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var total = 0.0;
        var correct = 0;
        for (var k = 0; k < data.Count; k++)
        {
            total += Network.Loss(data.Inputs[k], data.Targets[k]);
            correct += Mnist.Agrees(Network.Output, data.Targets[k]) ? 1 : 0;
        }

        return new Evaluation(total / data.Count, (double)correct / data.Count);
    }
}

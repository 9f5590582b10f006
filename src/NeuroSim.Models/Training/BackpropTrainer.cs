using NeuroSim.Models.Microcircuit;
using NeuroSim.Models.Reference;

namespace NeuroSim.Models.Training;

/// <summary>
/// Stochastic gradient descent with <see cref="BackpropMlp"/>: W -= rate * (mean gradient of the batch), biases too
/// when <see cref="LearnBiases"/>. The plain-BP baseline of every learner comparison.
/// </summary>
public sealed class BackpropTrainer
{
    private readonly (double[][] Weights, double[][] Biases) gradient;
    private readonly (double[][] Weights, double[][] Biases) sum;

    public BackpropTrainer(BackpropMlp network, double learningRate, bool learnBiases)
    {
        ArgumentNullException.ThrowIfNull(network);
        Network = network;
        LearningRate = learningRate;
        LearnBiases = learnBiases;
        gradient = network.NewGradientBuffers();
        sum = network.NewGradientBuffers();
    }

    public BackpropMlp Network { get; }

    public double LearningRate { get; }

    public bool LearnBiases { get; }

    /// <summary>Online SGD: one step per example, in the data set's order.</summary>
    public void TrainEpoch(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        int[] order = [.. Enumerable.Range(0, data.Count)];
        for (var k = 0; k < data.Count; k++)
        {
            TrainBatch(data.Inputs, data.Targets, order, k, 1);
        }
    }

    /// <summary>One step with the mean gradient of the examples <paramref name="order"/>[start .. start + count).</summary>
    public void TrainBatch(IReadOnlyList<double[]> inputs, IReadOnlyList<double[]> targets, IReadOnlyList<int> order, int start, int count)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(order);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);

        // The first gradient is written straight into the sums: equal to adding it to zeros, one pass cheaper.
        Network.Gradient(inputs[order[start]], targets[order[start]], sum.Weights, sum.Biases);
        for (var k = start + 1; k < start + count; k++)
        {
            Network.Gradient(inputs[order[k]], targets[order[k]], gradient.Weights, gradient.Biases);
            for (var l = 0; l < sum.Weights.Length; l++)
            {
                DenseMath.AddScaled(sum.Weights[l], 1.0, gradient.Weights[l]);
                DenseMath.AddScaled(sum.Biases[l], 1.0, gradient.Biases[l]);
            }
        }

        var step = -LearningRate / count;
        for (var l = 0; l < sum.Weights.Length; l++)
        {
            DenseMath.AddScaled(Network.Weights[l], step, sum.Weights[l]);
            if (LearnBiases)
            {
                DenseMath.AddScaled(Network.Biases[l], step, sum.Biases[l]);
            }
        }
    }

    public double MeanLoss(Dataset data) => Evaluate(data).MeanLoss;

    /// <summary>Mean loss 1/2 ||y - x_out||^2 and accuracy (<see cref="Mnist.Agrees"/>) over the data set.</summary>
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

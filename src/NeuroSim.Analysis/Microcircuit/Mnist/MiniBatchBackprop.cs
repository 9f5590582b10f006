using NeuroSim.Models.Reference;

namespace NeuroSim.Analysis.Microcircuit.Mnist;

/// <summary>Plain backprop (<see cref="BackpropMlp"/>, squared loss on rates) with gradients averaged over mini-batches; biases learned.</summary>
public sealed class MiniBatchBackprop
{
    private readonly double[][] weightGradients;
    private readonly double[][] biasGradients;
    private readonly double[][] weightSum;
    private readonly double[][] biasSum;

    public MiniBatchBackprop(BackpropMlp network, double learningRate)
    {
        ArgumentNullException.ThrowIfNull(network);
        Network = network;
        LearningRate = learningRate;
        (weightGradients, biasGradients) = network.NewGradientBuffers();
        (weightSum, biasSum) = network.NewGradientBuffers();
    }

    public BackpropMlp Network { get; }

    public double LearningRate { get; }

    /// <summary>One SGD step with the mean gradient of the examples <paramref name="order"/>[start .. start + count).</summary>
    public void TrainBatch(IReadOnlyList<double[]> inputs, IReadOnlyList<double[]> rateTargets, IReadOnlyList<int> order, int start, int count)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(rateTargets);
        ArgumentNullException.ThrowIfNull(order);
        foreach (var a in weightSum.Concat(biasSum))
        {
            Array.Clear(a);
        }

        for (var k = start; k < start + count; k++)
        {
            Network.Gradient(inputs[order[k]], rateTargets[order[k]], weightGradients, biasGradients);
            for (var l = 0; l < weightSum.Length; l++)
            {
                Models.Microcircuit.DenseMath.AddScaled(weightSum[l], 1.0, weightGradients[l]);
                Models.Microcircuit.DenseMath.AddScaled(biasSum[l], 1.0, biasGradients[l]);
            }
        }

        var step = -LearningRate / count;
        for (var l = 0; l < weightSum.Length; l++)
        {
            Models.Microcircuit.DenseMath.AddScaled(Network.Weights[l], step, weightSum[l]);
            Models.Microcircuit.DenseMath.AddScaled(Network.Biases[l], step, biasSum[l]);
        }
    }

    /// <summary>Mean 1/2 ||r_trgt - y||^2 and accuracy (argmax) over a data set.</summary>
    public (double MeanLoss, double Accuracy) Evaluate(IReadOnlyList<double[]> inputs, IReadOnlyList<double[]> rateTargets)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(rateTargets);
        var loss = 0.0;
        var correct = 0;
        for (var k = 0; k < inputs.Count; k++)
        {
            Network.Forward(inputs[k]);
            loss += TwoStepLearner.HalfSquaredError(Network.Output, rateTargets[k]);
            correct += Models.Training.Mnist.ClassOf(Network.Output) == Models.Training.Mnist.ClassOf(rateTargets[k]) ? 1 : 0;
        }

        return (loss / inputs.Count, (double)correct / inputs.Count);
    }
}

using NeuroSim.Core.Neurons;

namespace NeuroSim.Models.Reference;

/// <summary>
/// Plain backpropagation for a layered perceptron x^{k+1} = sigma(W^k x^k + b^k) with squared loss
/// L = 1/2 ||y - x^m||^2, written from the textbook equations and sharing no code with the balance-credit
/// engine, so that it can serve as the independent reference the rule is compared against. Only sigma comes from
/// the shared activation registry (<see cref="Activations"/>): a reference with its own copy of sigma could not
/// follow a model whose activation it does not know.
/// Weight matrices are row-major (size_{k+1} x size_k): W^k[i * size_k + j] is the weight onto i from j.
/// </summary>
public sealed class BackpropMlp
{
    private readonly double[][] activations;
    private readonly double[][] netInputs;
    private readonly double[][] deltas;

    public BackpropMlp(IReadOnlyList<int> layerSizes, Activation activation)
    {
        ArgumentNullException.ThrowIfNull(layerSizes);
        ArgumentNullException.ThrowIfNull(activation);
        if (layerSizes.Count < 2 || layerSizes.Any(n => n < 1))
        {
            throw new ArgumentException("an MLP needs at least two layers of size >= 1", nameof(layerSizes));
        }

        Activation = activation;
        Sizes = [.. layerSizes];
        Weights = new double[Sizes.Length - 1][];
        Biases = new double[Sizes.Length - 1][];
        for (var k = 0; k < Weights.Length; k++)
        {
            Weights[k] = new double[Sizes[k + 1] * Sizes[k]];
            Biases[k] = new double[Sizes[k + 1]];
        }

        activations = [.. Sizes.Select(n => new double[n])];
        netInputs = [.. Sizes.Select(n => new double[n])];
        deltas = [.. Sizes.Select(n => new double[n])];
    }

    public int[] Sizes { get; }

    public Activation Activation { get; }

    /// <summary>W^k, row-major size_{k+1} x size_k.</summary>
    public double[][] Weights { get; }

    public double[][] Biases { get; }

    /// <summary>The output of the last <see cref="Forward"/>.</summary>
    public ReadOnlySpan<double> Output => activations[^1];

    public void Forward(ReadOnlySpan<double> input)
    {
        input.CopyTo(activations[0]);
        for (var k = 0; k < Weights.Length; k++)
        {
            int rows = Sizes[k + 1], cols = Sizes[k];
            for (var i = 0; i < rows; i++)
            {
                var s = Biases[k][i];
                for (var j = 0; j < cols; j++)
                {
                    s += Weights[k][(i * cols) + j] * activations[k][j];
                }

                netInputs[k + 1][i] = s;
                activations[k + 1][i] = Activation.Value(s);
            }
        }
    }

    public double Loss(ReadOnlySpan<double> input, ReadOnlySpan<double> target)
    {
        Forward(input);
        var loss = 0.0;
        for (var i = 0; i < target.Length; i++)
        {
            var e = target[i] - Output[i];
            loss += 0.5 * e * e;
        }

        return loss;
    }

    /// <summary>Writes dL/dW^k and dL/db^k for one example (overwriting the arrays).</summary>
    public void Gradient(ReadOnlySpan<double> input, ReadOnlySpan<double> target, double[][] weightGradients, double[][] biasGradients)
    {
        ArgumentNullException.ThrowIfNull(weightGradients);
        ArgumentNullException.ThrowIfNull(biasGradients);
        Forward(input);
        var m = Sizes.Length - 1;
        for (var i = 0; i < Sizes[m]; i++)
        {
            deltas[m][i] = (activations[m][i] - target[i]) * Activation.Slope(netInputs[m][i]);
        }

        for (var k = m - 1; k >= 0; k--)
        {
            int rows = Sizes[k + 1], cols = Sizes[k];
            for (var i = 0; i < rows; i++)
            {
                biasGradients[k][i] = deltas[k + 1][i];
                for (var j = 0; j < cols; j++)
                {
                    weightGradients[k][(i * cols) + j] = deltas[k + 1][i] * activations[k][j];
                }
            }

            if (k == 0)
            {
                break;
            }

            for (var j = 0; j < cols; j++)
            {
                var back = 0.0;
                for (var i = 0; i < rows; i++)
                {
                    back += Weights[k][(i * cols) + j] * deltas[k + 1][i];
                }

                deltas[k][j] = back * Activation.Slope(netInputs[k][j]);
            }
        }
    }

    /// <summary>Gradient buffers shaped like the weights and biases.</summary>
    public (double[][] Weights, double[][] Biases) NewGradientBuffers() =>
        ([.. Weights.Select(w => new double[w.Length])], [.. Biases.Select(b => new double[b.Length])]);
}

using NeuroSim.Models.Reference;
using NeuroSim.Tests.Support;

namespace NeuroSim.Tests.Reference;

public sealed class BackpropMlpTests
{
    // Central differences with h = 1e-6: truncation ~1e-12, rounding ~1e-10 relative.
    private const double Tolerance = 1e-7;

    [Theory]
    [InlineData("tanh")]
    [InlineData("logistic")]
    [InlineData("softplus")]
    [InlineData("linear")]
    public void Gradient_equals_central_finite_differences_of_the_loss(string activation)
    {
        int[] sizes = [3, 5, 4, 2];
        var mlp = new BackpropMlp(sizes, activation);
        var random = new NeuroSim.Core.Randomness.SeededRandom(3);
        foreach (var array in mlp.Weights.Concat(mlp.Biases))
        {
            for (var q = 0; q < array.Length; q++)
            {
                array[q] = random.NextUniform(-0.8, 0.8);
            }
        }

        var input = Nets.RandomVector(3, 4);
        var target = Nets.RandomVector(2, 5, 0.5);
        var (gw, gb) = mlp.NewGradientBuffers();
        mlp.Gradient(input, target, gw, gb);
        var analytic = gw.Concat(gb).SelectMany(g => g).ToArray();
        var numeric = mlp.Weights.Concat(mlp.Biases).SelectMany(array => Enumerable.Range(0, array.Length).Select(q =>
        {
            const double h = 1e-6;
            var saved = array[q];
            array[q] = saved + h;
            var up = mlp.Loss(input, target);
            array[q] = saved - h;
            var down = mlp.Loss(input, target);
            array[q] = saved;
            return (up - down) / (2 * h);
        })).ToArray();
        Assert.InRange(Nets.RelativeError(analytic, numeric), 0, Tolerance);
    }

    [Fact]
    public void Training_steps_reduce_the_loss_on_XOR()
    {
        var mlp = new BackpropMlp([2, 6, 1], "tanh");
        var random = new NeuroSim.Core.Randomness.SeededRandom(1);
        foreach (var w in mlp.Weights)
        {
            for (var q = 0; q < w.Length; q++)
            {
                w[q] = random.NextGaussian();
            }
        }

        double[][] inputs = [[-1, -1], [-1, 1], [1, -1], [1, 1]];
        double[][] targets = [[-0.8], [0.8], [0.8], [-0.8]];
        double Total() => inputs.Select((x, k) => mlp.Loss(x, targets[k])).Sum();
        var (gw, gb) = mlp.NewGradientBuffers();
        var initial = Total();
        for (var epoch = 0; epoch < 500; epoch++)
        {
            for (var k = 0; k < 4; k++)
            {
                mlp.TrainStep(inputs[k], targets[k], 0.1, learnBiases: true, gw, gb);
            }
        }

        Assert.True(Total() < 0.01 * initial, $"loss {Total()} did not fall below 1% of {initial}");
    }
}

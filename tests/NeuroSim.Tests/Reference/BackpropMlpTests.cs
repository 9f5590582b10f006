using NeuroSim.Core.Neurons;
using NeuroSim.Models.Reference;

namespace NeuroSim.Tests.Reference;

public sealed class BackpropMlpTests
{
    // Central differences with h = 1e-6: truncation ~1e-12, rounding ~1e-10 relative.
    private const double Tolerance = 1e-7;

    public static TheoryData<string> ActivationNames => [.. Activations.Names];

    [Theory]
    [MemberData(nameof(ActivationNames))]
    public void Gradient_equals_central_finite_differences_of_the_loss(string activation)
    {
        int[] sizes = [3, 5, 4, 2];
        var mlp = new BackpropMlp(sizes, Activations.Create(activation));
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
        var numeric = FiniteDifferences.Gradient(() => mlp.Loss(input, target), mlp.Weights.Concat(mlp.Biases), FiniteDifferences.Step);
        Assert.InRange(Nets.RelativeError(analytic, numeric), 0, Tolerance);
    }
}

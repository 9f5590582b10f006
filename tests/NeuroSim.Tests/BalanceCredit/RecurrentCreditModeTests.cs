using NeuroSim.Core.Connectivity;
using NeuroSim.Models.BalanceCredit;

namespace NeuroSim.Tests.BalanceCredit;

/// <summary>
/// In a recurrent network the gradient of L(x*(W)) at the firing fixed point is recurrent backprop
/// (Almeida-Pineda): the teaching signal must be added to the output credit (inject), not replace it.
/// </summary>
public sealed class RecurrentCreditModeTests(ITestOutputHelper output)
{
    // Central differences (FiniteDifferences.Step) around a fixed point solved to 1e-15: error ~1e-9 relative.
    private const double FiniteDifferenceTolerance = 1e-6;

    // Replace mode drops the credit the outputs receive back through recurrence; on these networks that
    // is a percent-level error, so "does not match" is asserted with a wide margin.
    private const double ReplaceModeMinimumError = 1e-3;

    [Theory]
    [InlineData(11UL)]
    [InlineData(12UL)]
    [InlineData(13UL)]
    public void Inject_mode_gives_the_finite_difference_gradient_and_replace_mode_does_not(ulong seed)
    {
        var inject = Gradient(seed, OutputCreditMode.Inject, out var fd);
        var replace = Gradient(seed, OutputCreditMode.Replace, out _);
        var errorInject = Nets.RelativeError(inject, fd);
        var errorReplace = Nets.RelativeError(replace, fd);
        output.WriteLine($"seed {seed}: inject |g - g_fd|/|g_fd| = {errorInject:E2}; replace = {errorReplace:E2}");
        Assert.InRange(errorInject, 0, FiniteDifferenceTolerance);
        Assert.True(errorReplace > ReplaceModeMinimumError, $"replace mode unexpectedly matched the gradient ({errorReplace:E2})");
    }

    private static double[] Gradient(ulong seed, OutputCreditMode mode, out double[] finiteDifference)
    {
        const double eta = 1.0, windowMs = 10.0, tauW = 10.0;
        var model = new BalanceCreditModel(RecurrentSpec(seed, mode, eta, tauW));
        var input = Nets.RandomVector(3, seed + 1);
        var target = Nets.RandomVector(2, seed + 2, 0.7);
        var lambda = eta * windowMs / tauW;

        var weights = Nets.AllDenseWeights(model);
        var mask = ExistingSynapses(model);
        var biases = model.Biases.ToArray();
        var lossGradient = FiniteDifferences.Gradient(() => IndependentLoss(model.Network, weights, biases, input, target), weights, FiniteDifferences.Step, q => mask[q]);
        finiteDifference = [.. lossGradient.Select(g => -g)];

        var step = Nets.AdiabaticWeightChange(model, input, target, windowMs);
        return [.. step.Select(v => v / lambda)];
    }

    private static BalanceCreditSpec RecurrentSpec(ulong seed, OutputCreditMode mode, double eta, double tauW)
    {
        string[] names = ["in", "hidden", "out"];
        var projections = names.SelectMany(pre => names.Select(post => new ProjectionSpec(pre, post) { Distribution = WeightDistribution.Normal(0.6) })).ToArray();
        return new BalanceCreditSpec
        {
            Network = new NetworkSpec([new("in", 3), new("hidden", 5), new("out", 2)], projections),
            Timescales = new Timescales(1.0, 5.0, tauW),
            LearningRate = eta,
            InputGroups = ["in"],
            OutputGroups = ["out"],
            OutputCreditMode = mode,
            Biases = Nets.RandomVector(10, seed + 3, 0.2),
            Seed = seed,
        };
    }

    private static bool[] ExistingSynapses(BalanceCreditModel model) =>
        [.. model.Network.Projections.SelectMany(p => Enumerable.Range(0, p.Post.Size * p.Pre.Size).Select(q => p.SlotOf(q / p.Pre.Size, q % p.Pre.Size) >= 0))];

    /// <summary>L = 1/2 ||y - x*_out||^2 with x* = tanh(W x* + b) solved by plain iteration on a dense n x n matrix.</summary>
    private static double IndependentLoss(Network network, double[] denseWeights, double[] biases, double[] input, double[] target)
    {
        var n = network.NeuronCount;
        var w = new double[n, n];
        var offset = 0;
        foreach (var p in network.Projections)
        {
            for (var i = 0; i < p.Post.Size; i++)
            {
                for (var j = 0; j < p.Pre.Size; j++)
                {
                    w[p.Post.Offset + i, p.Pre.Offset + j] += denseWeights[offset + (i * p.Pre.Size) + j];
                }
            }

            offset += p.Post.Size * p.Pre.Size;
        }

        var x = new double[n];
        input.CopyTo(x, 0);
        for (var iteration = 0; iteration < 100_000; iteration++)
        {
            var change = 0.0;
            for (var i = 3; i < n; i++)
            {
                var s = biases[i];
                for (var j = 0; j < n; j++)
                {
                    s += w[i, j] * x[j];
                }

                var next = Math.Tanh(s);
                change = Math.Max(change, Math.Abs(next - x[i]));
                x[i] = next;
            }

            if (change < 1e-15)
            {
                break;
            }
        }

        var loss = 0.0;
        for (var k = 0; k < 2; k++)
        {
            var e = target[k] - x[n - 2 + k];
            loss += 0.5 * e * e;
        }

        return loss;
    }
}

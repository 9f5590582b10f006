using NeuroSim.Models.BalanceCredit;
using NeuroSim.Models.Training;

namespace NeuroSim.Tests.BalanceCredit;

/// <summary>
/// Theorem 1 of Fan and Mysore: in a layered network with f = sigma', converged firing and credit, the
/// weight change of one presentation is exactly one BP step of size lambda = eta T / tau_w.
/// </summary>
public sealed class AdiabaticBackpropEquivalenceTests(ITestOutputHelper output)
{
    // Both sides are the same sums evaluated in a different order; 1e-10 leaves room for that rounding only.
    private const double BackpropTolerance = 1e-10;

    // Central differences (FiniteDifferences.Step) are accurate to ~1e-10 here; 1e-6 leaves room for the loss's curvature.
    private const double FiniteDifferenceTolerance = 1e-6;

    public static TheoryData<int[], string, ulong, bool> Networks => new()
    {
        { [3, 4, 2], "tanh", 1, false },
        { [3, 4, 2], "logistic", 2, true },
        { [4, 5, 3, 2], "tanh", 3, true },
        { [4, 5, 3, 2], "logistic", 4, false },
        { [2, 6, 5, 4, 3], "tanh", 5, false },
        { [2, 6, 5, 4, 3], "logistic", 6, true },
        { [5, 4, 4, 4, 3, 2], "tanh", 7, true },
        { [5, 4, 4, 4, 3, 2], "logistic", 8, false },
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void Adiabatic_weight_change_equals_the_backprop_step_and_finite_differences(int[] sizes, string activation, ulong seed, bool learnBiases)
    {
        const double eta = 0.5, windowMs = 100.0, tauW = 100.0;
        var lambda = eta * windowMs / tauW;
        var spec = BalanceCreditSpec.Layered(sizes, new Timescales(1.0, 10.0, tauW), activation, weightGain: 1.5) with
        {
            LearningRate = eta,
            Seed = seed,
            LearnBiases = learnBiases,
            Biases = learnBiases ? Nets.RandomVector(sizes.Sum(), seed + 100, 0.3) : null,
        };
        var model = new BalanceCreditModel(spec);
        var input = Nets.RandomVector(sizes[0], seed + 200);
        var target = Nets.RandomVector(sizes[^1], seed + 300, activation == "logistic" ? 0.0 : 0.8);
        if (activation == "logistic")
        {
            target = [.. target.Select(v => 0.5 + (0.4 * v) + 0.05)];
        }

        var mlp = BackpropMirror.Of(model);
        var (gw, gb) = mlp.NewGradientBuffers();
        mlp.Gradient(input, target, gw, gb);
        var bpStep = gw.SelectMany(g => g).Select(g => -lambda * g).ToArray();
        var biasesBefore = model.Biases.ToArray();

        var ruleStep = Nets.AdiabaticWeightChange(model, input, target, windowMs);

        var errorBp = Nets.RelativeError(ruleStep, bpStep);
        var fd = FiniteDifferences.Gradient(() => mlp.Loss(input, target), mlp.Weights, FiniteDifferences.Step);
        var errorFd = Nets.RelativeError(bpStep, [.. fd.Select(g => -lambda * g)]);
        output.WriteLine($"{string.Join("-", sizes)} {activation}: |dW_rule - dW_bp|/|dW_bp| = {errorBp:E2}, |dW_bp - dW_fd|/|dW_fd| = {errorFd:E2}");
        Assert.True(Nets.Norm(bpStep) > 1e-3, "the BP step is not trivially small");
        Assert.InRange(errorBp, 0, BackpropTolerance);
        Assert.InRange(errorFd, 0, FiniteDifferenceTolerance);

        if (learnBiases)
        {
            var biasStep = model.Biases.ToArray().Select((b, i) => b - biasesBefore[i]).Skip(sizes[0]).ToArray();
            var bpBiasStep = gb.SelectMany(g => g).Select(g => -lambda * g).ToArray();
            Assert.InRange(Nets.RelativeError(biasStep, bpBiasStep), 0, BackpropTolerance);
        }
    }
}

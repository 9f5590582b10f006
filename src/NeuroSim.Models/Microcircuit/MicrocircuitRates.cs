namespace NeuroSim.Models.Microcircuit;

/// <summary>
/// Learning rates per weight class and layer (W += dt eta Delta, dt in ms). Index l counts pyramidal layers
/// from the first hidden layer (l = 0) to the output (l = N - 1); the interneuron and top-down classes exist
/// for l = 0 .. N - 2 only.
/// </summary>
/// <param name="Up">eta_PP of the bottom-up (basal) weights into layer l; length N.</param>
/// <param name="PyramidalToInterneuron">eta_IP of W^IP of layer l; length N - 1.</param>
/// <param name="InterneuronToPyramidal">eta_PI of W^PI of layer l; length N - 1.</param>
/// <param name="TopDown">eta of the optional top-down plasticity (the paper's Eq. 10); length N - 1, zeros keep B fixed.</param>
public sealed record MicrocircuitRates(double[] Up, double[] PyramidalToInterneuron, double[] InterneuronToPyramidal, double[] TopDown)
{
    /// <summary>
    /// W^IP learns by normalised LMS (a choice of ours, [I]; false is the paper's rule): each example's interneuron error
    /// is divided by |r_l|^2 + 1, the squared norm of the interneurons' presynaptic rates and their bias input, so that
    /// <see cref="PyramidalToInterneuron"/> is the fraction of the error corrected per step (stable below about 2 / lambda_I)
    /// rather than a rate whose stable range shrinks with the layer's activity. With the paper's rule, W^IP must follow
    /// the layer above at about 1 / lambda_I times its rate, and its own correction gain, about eta_IP phi' |r|^2, passes
    /// 2 near eta = 0.03 for 256 hidden units (docs/microcircuit-mnist-vip.md).
    /// </summary>
    public bool NormalizedInterneurons { get; init; }

    /// <summary>
    /// With <see cref="NormalizedInterneurons"/>: W^IP learns from its presynaptic rates relative to their running mean
    /// (<see cref="CircuitActivity.InterneuronPresynapticMean"/>), a covariance rule (ours, [I]). Each example's error
    /// is divided by |r - m|^2 + 1, W^IP moves along r - m and the bias by (1 - (r - m).m), which corrects the same
    /// fraction of the error as the plain normalised rule, aimed at the large common part of the rates (all positive)
    /// that makes the fit ill-conditioned. Measured on MNIST it helps less than more interneuron steps per batch.
    /// </summary>
    public bool CenteredInterneurons { get; init; }

    /// <summary>No plasticity at all, for a network of <paramref name="layers"/> pyramidal layers.</summary>
    public static MicrocircuitRates None(int layers) => new(new double[layers], new double[layers - 1], new double[layers - 1], new double[layers - 1]);

    /// <summary>The paper's single-association (Fig. 1) rates for a 30-20-10 network.</summary>
    public static MicrocircuitRates SingleAssociation => new([1.1875e-3, 5e-4], [1.1875e-3], [5e-4], [0.0]);

    /// <summary>Learning of the self-predicting state only (Fig. S1): eta_IP 2.375e-4, eta_PI 5e-4, no bottom-up plasticity.</summary>
    public static MicrocircuitRates SelfPrediction(int layers) => new(
        new double[layers],
        Enumerable.Repeat(2.375e-4, layers - 1).ToArray(),
        Enumerable.Repeat(5e-4, layers - 1).ToArray(),
        new double[layers - 1]);

    /// <summary>Checks the array lengths for <paramref name="layers"/> pyramidal layers and that every rate is finite and >= 0.</summary>
    public void Validate(int layers)
    {
        Check(Up, layers, "up");
        Check(PyramidalToInterneuron, layers - 1, "pyramidal-to-interneuron");
        Check(InterneuronToPyramidal, layers - 1, "interneuron-to-pyramidal");
        Check(TopDown, layers - 1, "top-down");
    }

    /// <summary>A copy with every rate multiplied by <paramref name="factor"/>.</summary>
    public MicrocircuitRates Scaled(double factor) => new(
        [.. Up.Select(r => r * factor)],
        [.. PyramidalToInterneuron.Select(r => r * factor)],
        [.. InterneuronToPyramidal.Select(r => r * factor)],
        [.. TopDown.Select(r => r * factor)])
    {
        NormalizedInterneurons = NormalizedInterneurons,
        CenteredInterneurons = CenteredInterneurons,
    };

    private static void Check(double[] rates, int expected, string name)
    {
        if (rates.Length != expected)
        {
            throw new ArgumentException($"learning rates '{name}': {rates.Length} values given, the network has {expected} such projections");
        }

        foreach (var r in rates)
        {
            if (!double.IsFinite(r) || r < 0)
            {
                throw new ArgumentOutOfRangeException(name, r, $"learning rate '{name}' = {r} must be finite and >= 0");
            }
        }
    }
}

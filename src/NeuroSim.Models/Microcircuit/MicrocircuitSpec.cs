using NeuroSim.Core.Neurons;

namespace NeuroSim.Models.Microcircuit;

/// <summary>
/// Everything that defines a dendritic cortical microcircuit (Sacramento et al. 2018): layer sizes from input
/// to output, transfer function, conductances, learning rates, filters and noise. Times in ms.
/// </summary>
public sealed record MicrocircuitSpec
{
    /// <summary>Layer sizes n_0 (input rates) .. n_N (output); at least one hidden layer.</summary>
    public required int[] Sizes { get; init; }

    /// <summary>phi: rates r = phi(u). The paper uses the scaled soft-ReLU for regression and the logistic for MNIST.</summary>
    public Activation Transfer { get; init; } = new LogisticActivation();

    public Conductances Conductances { get; init; } = new();

    /// <summary>Learning rates; null means no plasticity.</summary>
    public MicrocircuitRates? Rates { get; init; }

    /// <summary>tau_w: the low-pass filter of plasticity induction before consolidation (30 ms in every reimplementation).</summary>
    public double PlasticityFilterMs { get; init; } = 30.0;

    /// <summary>tau_0: the low-pass filter through which a new input pattern (and target) is switched in.</summary>
    public double InputFilterMs { get; init; } = 3.0;

    /// <summary>
    /// sigma of the somatic noise sigma xi(t) on every pyramidal neuron and interneuron, 0 for none: per sqrt(ms) under
    /// <see cref="NoiseConvention.EulerMaruyama"/> (the default), per step under <see cref="NoiseConvention.PerStep"/>.
    /// </summary>
    public double NoiseSigma { get; init; }

    /// <summary>How sigma is discretised per step: Euler-Maruyama (default; a continuous-time limit) or per-step (the published reimplementations').</summary>
    public NoiseConvention Noise { get; init; } = NoiseConvention.EulerMaruyama;

    /// <summary>A learnable bias on every pyramidal neuron and interneuron (an input fixed at 1), as in the paper's MNIST runs.</summary>
    public bool Biases { get; init; }

    /// <summary>Seed of the noise stream.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Number of pyramidal layers N (hidden layers plus the output).</summary>
    public int Layers => Sizes.Length - 1;

    public MicrocircuitRates EffectiveRates => Rates ?? MicrocircuitRates.None(Layers);

    /// <summary>Throws, naming the field and its allowed range, when the spec cannot be simulated.</summary>
    public void Validate()
    {
        if (Sizes is null || Sizes.Length < 3)
        {
            throw new ArgumentException("sizes: the microcircuit needs an input, at least one hidden layer and an output (3 or more sizes)");
        }

        foreach (var n in Sizes)
        {
            if (n < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(Sizes), n, $"sizes: every layer needs at least 1 neuron, got {n}");
            }
        }

        Conductances.Validate();
        EffectiveRates.Validate(Layers);
        if (!(PlasticityFilterMs > 0) || !double.IsFinite(PlasticityFilterMs))
        {
            throw new ArgumentOutOfRangeException(nameof(PlasticityFilterMs), PlasticityFilterMs, "plasticity filter tau_w must be > 0 ms and finite");
        }

        if (!(InputFilterMs > 0) || !double.IsFinite(InputFilterMs))
        {
            throw new ArgumentOutOfRangeException(nameof(InputFilterMs), InputFilterMs, "input filter tau_0 must be > 0 ms and finite");
        }

        if (!(NoiseSigma >= 0) || !double.IsFinite(NoiseSigma))
        {
            throw new ArgumentOutOfRangeException(nameof(NoiseSigma), NoiseSigma, "noise sigma must be >= 0 and finite");
        }
    }
}

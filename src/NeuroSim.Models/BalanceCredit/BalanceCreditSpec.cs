using NeuroSim.Core.Connectivity;

namespace NeuroSim.Models.BalanceCredit;

/// <summary>
/// The balance-credit model of Fan and Mysore, "Contribute to balance, wire in accordance"
/// (arXiv 2405.14139), in continuous time:
/// <code>
///   E_i = sum_j max(w_ij,0) x_j + e_i     I_i = sum_j max(-w_ij,0) x_j + h_i     s_i = E_i - I_i + b_i
///   tau_x dx_i/dt  = -x_i + sigma(s_i)                                   firing
///   g_ji = c_i f(s_i) w_ij;  tau_m dm_ij/dt = -m_ij + g_ji (optional)     retrograde messenger
///   tau_c dc_j/dt  = -c_j + sum_i m_ij   (or sum_i g_ji)                 credit
///   tau_w dw_ij/dt = eta c_i f(s_i) x_j M_ij                              plasticity
/// </code>
/// Times in ms, eta dimensionless; over a presentation of length T with settled x and c the weights move
/// by lambda (c ⊙ f) x^T with lambda = eta T / tau_w: one BP step of size lambda in layered networks.
/// </summary>
public sealed record BalanceCreditSpec
{
    /// <summary>Largest learning rate the files accept: beyond it one update moves weights by orders of magnitude.</summary>
    public const double MaxLearningRate = 1e3;

    public required NetworkSpec Network { get; init; }

    public string Activation { get; init; } = "tanh";

    public BalanceSpec Balance { get; init; } = BalanceSpec.Slope;

    public required Timescales Timescales { get; init; }

    /// <summary>Dimensionless learning rate eta of tau_w dW/dt = eta (c ⊙ f) x^T.</summary>
    public double LearningRate { get; init; } = 1.0;

    /// <summary>Spillover fraction kappa in [0, 1] of the messenger (only with a messenger time constant).</summary>
    public double Spillover { get; init; }

    /// <summary>Groups whose firing is clamped to the stimulus.</summary>
    public IReadOnlyList<string> InputGroups { get; init; } = [];

    /// <summary>Groups whose credit is clamped to the teaching signal.</summary>
    public IReadOnlyList<string> OutputGroups { get; init; } = [];

    public OutputCreditMode OutputCreditMode { get; init; } = OutputCreditMode.Replace;

    /// <summary>Groups whose credit is held at its value (the paper's Fig. 4: rows of J replaced by identity).</summary>
    public IReadOnlyList<string> HeldCreditGroups { get; init; } = [];

    /// <summary>Initial biases b_i (one per neuron), or null for zero biases.</summary>
    public IReadOnlyList<double>? Biases { get; init; }

    /// <summary>Whether biases learn as weights from a constant unit: tau_w db_i/dt = eta c_i f(s_i).</summary>
    public bool LearnBiases { get; init; }

    /// <summary>Seed of the initial weights.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>A layered network L0 -> L1 -> ... with L0 the input and the last layer the output.</summary>
    public static BalanceCreditSpec Layered(IReadOnlyList<int> sizes, Timescales timescales, string activation = "tanh", double weightGain = 1.0) =>
        new()
        {
            Network = NetworkSpec.Layered(sizes, WeightDistribution.Normal(weightGain)),
            Timescales = timescales,
            Activation = activation,
            InputGroups = ["L0"],
            OutputGroups = [$"L{sizes.Count - 1}"],
        };
}

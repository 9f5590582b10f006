namespace NeuroSim.Core.Monitoring;

/// <summary>A per-neuron monitor variable: its column symbol (docs/run-folder.md) and what it is, as plots label it.</summary>
public sealed record NeuronVariable(string Symbol, string Meaning);

/// <summary>
/// The balance-credit model's per-neuron monitor variables, the one list that the monitor validates against,
/// the E-I balance plot reads and docs/run-folder.md documents.
/// </summary>
public static class BalanceCreditVariables
{
    public static readonly NeuronVariable ExcitatoryPool = new("E", "E pool");
    public static readonly NeuronVariable InhibitoryPool = new("I", "I pool");
    public static readonly NeuronVariable NetInput = new("s", "net input");
    public static readonly NeuronVariable Balance = new("f", "balance");
    public static readonly NeuronVariable Rate = new("x", "rate");
    public static readonly NeuronVariable Credit = new("c", "credit");
    public static readonly NeuronVariable Bias = new("b", "bias");

    /// <summary>Every per-neuron variable, in column order.</summary>
    public static IReadOnlyList<NeuronVariable> Neuron { get; } = [ExcitatoryPool, InhibitoryPool, NetInput, Balance, Rate, Credit, Bias];

    /// <summary>The E-I balance view of a neuron (everything but the bias, which a run does not change unless biases learn).</summary>
    public static IReadOnlyList<NeuronVariable> BalanceView { get; } = [ExcitatoryPool, InhibitoryPool, NetInput, Balance, Rate, Credit];
}

namespace NeuroSim.Core.Neurons;

/// <summary>
/// Soft-ReLU sigma(s) = ln(1 + e^s), unbounded above; sigma' is the logistic, which rises monotonically,
/// so the default balance f = sigma' is not bell-shaped for this activation (the paper asks for a bounded
/// positive side; use a Gaussian balance function to study that variant).
/// </summary>
public sealed class SoftPlusActivation : Activation
{
    public override string Name => "softplus";

    public override double BalancedSetPoint => 0.0;

    // Written to avoid overflow of e^s for large s and loss of precision for very negative s.
    public override double Value(double s) => s > 0 ? s + Math.Log(1.0 + Math.Exp(-s)) : Math.Log(1.0 + Math.Exp(s));

    public override double Slope(double s) => s >= 0 ? 1.0 / (1.0 + Math.Exp(-s)) : Math.Exp(s) / (1.0 + Math.Exp(s));
}

namespace NeuroSim.Core.Neurons;

/// <summary>sigma(s) = 1 / (1 + e^-s), rates in (0, 1); sigma' = sigma (1 - sigma) peaks at s = 0.</summary>
public sealed class LogisticActivation : Activation
{
    public override string Name => "logistic";

    public override double BalancedSetPoint => 0.0;

    public override double Value(double s) => s >= 0 ? 1.0 / (1.0 + Math.Exp(-s)) : Math.Exp(s) / (1.0 + Math.Exp(s));

    public override double Slope(double s)
    {
        var v = Value(s);
        return v * (1.0 - v);
    }
}

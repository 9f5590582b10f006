namespace NeuroSim.Core.Neurons;

/// <summary>sigma(s) = tanh(s); sigma(0) = 0, so silence is a fixed point; sigma' = 1 - tanh^2 peaks at s = 0.</summary>
public sealed class TanhActivation : Activation
{
    public override string Name => "tanh";

    public override double BalancedSetPoint => 0.0;

    public override double Value(double s) => Math.Tanh(s);

    public override double Slope(double s)
    {
        var t = Math.Tanh(s);
        return 1.0 - (t * t);
    }
}

namespace NeuroSim.Core.Neurons;

/// <summary>sigma(s) = tanh(s); sigma(0) = 0, so silence is a fixed point; sigma' = 1 - tanh^2 peaks at s = 0.</summary>
public sealed class TanhActivation : Activation
{
    public override string Name => "tanh";

    public override double BalancedSetPoint => 0.0;

    public override double Value(double s) => Math.Tanh(s);

    public override double Slope(double s) => SlopeOfValue(Math.Tanh(s));

    /// <summary>One tanh per neuron for both: the slope 1 - tanh^2 is a function of the value.</summary>
    public override void ApplyWithSlope(ReadOnlySpan<double> s, Span<double> x, Span<double> d)
    {
        for (var k = 0; k < s.Length; k++)
        {
            var t = Math.Tanh(s[k]);
            x[k] = t;
            d[k] = SlopeOfValue(t);
        }
    }

    private static double SlopeOfValue(double t) => 1.0 - (t * t);
}

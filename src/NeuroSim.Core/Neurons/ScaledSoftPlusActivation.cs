namespace NeuroSim.Core.Neurons;

/// <summary>
/// The soft-ReLU of Sacramento et al. (2018), phi(u) = gamma ln(1 + e^(beta (u - theta))). With the paper's
/// gamma 0.1, beta 1, theta 3 a neuron at rest fires at 0.005 and the network works in a sparse, nonlinear regime.
/// </summary>
public sealed class ScaledSoftPlusActivation : Activation
{
    public ScaledSoftPlusActivation(double gamma = 0.1, double beta = 1.0, double theta = 3.0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(gamma);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(beta);
        Gamma = gamma;
        Beta = beta;
        Theta = theta;
    }

    public double Gamma { get; }

    public double Beta { get; }

    public double Theta { get; }

    public override string Name => "scaled-softplus";

    public override double BalancedSetPoint => Theta;

    public override double Value(double s)
    {
        var z = Beta * (s - Theta);
        return Gamma * (z > 0 ? z + Math.Log(1.0 + Math.Exp(-z)) : Math.Log(1.0 + Math.Exp(z)));
    }

    public override double Slope(double s)
    {
        var z = Beta * (s - Theta);
        var logistic = z >= 0 ? 1.0 / (1.0 + Math.Exp(-z)) : Math.Exp(z) / (1.0 + Math.Exp(z));
        return Gamma * Beta * logistic;
    }
}

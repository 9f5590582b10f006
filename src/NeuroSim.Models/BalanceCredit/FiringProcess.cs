using NeuroSim.Core.Integration;
using NeuroSim.Core.Scheduling;

namespace NeuroSim.Models.BalanceCredit;

/// <summary>Firing, tau_x dx/dt = -x + sigma(s(x, W)): weights and biases frozen, s recomputed from each stage's x.</summary>
internal sealed class FiringProcess(BalanceCreditModel model) : IProcess, ISemilinearSystem, IFixedPointMap
{
    private readonly double[] leak = new double[model.Network.NeuronCount];

    public string Name => "firing";

    public double TimeConstantMs => model.Timescales.FiringMs;

    public Range Segment => model.RatesRange;

    public ISemilinearSystem System => this;

    public IFixedPointMap? Equilibrium => this;

    public int Dimension => model.Network.NeuronCount;

    public void Freeze()
    {
        // Firing reads W and b directly from the state; nothing faster than it needs freezing.
    }

    public void LeakRates(Span<double> rates) => model.FiringLeak(rates);

    public void Drive(double t, ReadOnlySpan<double> y, Span<double> drive)
    {
        // With synaptic filters the pools are state of their own, frozen while firing steps.
        model.EvaluateNetInput(y, model.Weights, model.Biases, model.FilteredPools);
        model.FiringDrive(drive);
    }

    public void Derivative(double t, ReadOnlySpan<double> y, Span<double> dydt) => SemilinearDerivative.Evaluate(this, t, y, dydt, leak);

    public void Apply(ReadOnlySpan<double> y, Span<double> next)
    {
        // The equilibrium of firing and synapses together: the filtered pools equal their inputs there.
        model.EvaluateNetInput(y, model.Weights, model.Biases);
        model.FiringFixedPoint(next);
    }
}

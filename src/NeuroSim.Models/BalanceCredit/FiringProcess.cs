using NeuroSim.Core.Integration;
using NeuroSim.Core.Scheduling;

namespace NeuroSim.Models.BalanceCredit;

/// <summary>Firing, tau_x dx/dt = -x + sigma(s(x, W)): weights and biases frozen, s recomputed from each stage's x.</summary>
internal sealed class FiringProcess(BalanceCreditModel model) : RelaxingProcess("firing", model.Network.NeuronCount), IFusedProcessStep
{
    public bool TryFusedStep(IIntegrator integrator, double t, double h) => model.TryFiringStep(integrator, h);

    public override double TimeConstantMs => model.Timescales.FiringMs;

    public override Range Segment => model.RatesRange;

    public override void Freeze()
    {
        // Firing reads W and b directly from the state; nothing faster than it needs freezing.
    }

    public override void LeakRates(Span<double> rates) => model.FiringLeak(rates);

    public override void Drive(double t, ReadOnlySpan<double> y, Span<double> drive)
    {
        // With synaptic filters the pools are state of their own, frozen while firing steps.
        model.EvaluateNetInput(y, model.Weights, model.Biases, model.FilteredPools);
        model.FiringDrive(drive);
    }

    public override void Apply(ReadOnlySpan<double> y, Span<double> next)
    {
        // The equilibrium of firing and synapses together: the filtered pools equal their inputs there.
        model.EvaluateNetInput(y, model.Weights, model.Biases);
        model.FiringFixedPoint(next);
    }
}

namespace NeuroSim.Models.BalanceCredit;

/// <summary>
/// Synaptic filtering of the pools, tau_E dE/dt = -E + sum_j max(w_ij, 0) x_j + e_i and tau_I dI/dt = -I +
/// sum_j max(-w_ij, 0) x_j + h_i, over the filtered-pool segment [E | I]. Rates and weights are frozen while it
/// steps; its equilibrium is the instantaneous pools.
/// </summary>
internal sealed class SynapseProcess(BalanceCreditModel model) : RelaxingProcess("synapses", 2 * model.Network.NeuronCount)
{
    public override double TimeConstantMs => Math.Min(model.Timescales.SynapticExcitatoryMs!.Value, model.Timescales.SynapticInhibitoryMs!.Value);

    public override Range Segment => model.PoolsRange;

    public override void Freeze()
    {
        // The pools' inputs are read from the rates and weights directly; nothing else is needed.
    }

    public override void LeakRates(Span<double> rates) => model.SynapticLeak(rates);

    public override void Drive(double t, ReadOnlySpan<double> y, Span<double> drive) => model.SynapticDrive(model.Rates, model.Weights, drive);

    public override void Apply(ReadOnlySpan<double> y, Span<double> next) => model.EvaluateSynapticTarget(model.Rates, model.Weights, next);
}

namespace NeuroSim.Models.BalanceCredit;

/// <summary>
/// Per-synapse retrograde messenger, tau_m dm_ij/dt = -m_ij + g_ij with g_ij = gain c_i f(s_i) ((1 - kappa) w_ij
/// + kappa mean_j w_ij): release at the postsynaptic site, diffusion and uptake at the terminal. Credit,
/// rates and weights are frozen while it steps, so g is computed once per step.
/// </summary>
internal sealed class MessengerProcess(BalanceCreditModel model) : RelaxingProcess("messenger", model.Network.SynapseCount)
{
    public override double TimeConstantMs => model.Timescales.MessengerMs ?? 0.0;

    public override Range Segment => model.MessengerRange;

    public override void Freeze()
    {
        model.EvaluateNetInput(model.Rates, model.Weights, model.Biases, model.FilteredPools);
        model.EvaluateDelta(model.Credit, model.Rates);
        model.EvaluateSignal(model.Weights);
    }

    public override void LeakRates(Span<double> rates) => rates.Fill(1.0 / TimeConstantMs);

    public override void Drive(double t, ReadOnlySpan<double> y, Span<double> drive)
    {
        var rate = 1.0 / TimeConstantMs;
        var g = model.Signal;
        for (var k = 0; k < drive.Length; k++)
        {
            drive[k] = g[k] * rate;
        }
    }

    public override void Apply(ReadOnlySpan<double> y, Span<double> next) => model.EvaluateSignal(model.Weights).CopyTo(next);
}

using NeuroSim.Core.Scheduling;

namespace NeuroSim.Models.Microcircuit;

/// <summary>
/// The microcircuit's adiabatic mode (<c>scheduler: {mode: adiabatic}</c>): the paper's two-step steady-state scheme
/// (<see cref="SteadyStateScheme"/>) as one presentation window of length T. The window
/// <list type="number">
/// <item>sets the input and target filters to their fixed point (the current input rates and target potential);</item>
/// <item>settles the circuit on the input, nudged toward the target when nudging is on, with the VIP gate and the SST
/// silencing in force, in <see cref="AdiabaticPasses"/> bottom-up/top-down sweeps (1 = the paper's scheme), and writes
/// the settled somatic potentials (pyramidal and interneuron) into the state, so monitors see them;</item>
/// <item>sets the induction filter Delta to its fixed point, the Urbanczik-Senn induction of the settled state (what
/// tau_w dDelta/dt = -Delta + induction relaxes to);</item>
/// <item>consolidates the window: W += T eta_class,layer g_all g_class Delta, the integral of the continuous
/// dW/dt = g_all g_class eta Delta over T ms with Delta held at that fixed point (T in ms, the file's learning
/// rates per ms; g_all and g_class the plasticity gains of the protocol).</item>
/// </list>
/// So a window of T = 1 ms is exactly one per-pattern update of `neurosim microcircuit mnist`
/// (<c>TwoStepLearner.TrainBatch</c> with a batch of one and the same rates), and a window of T is that update with
/// every rate times T. The scheme is noiseless: somatic noise is not drawn (model files with noise.sigma &gt; 0 are
/// refused in this mode). Drives and lesions are not part of the scheme and are refused.
/// </summary>
public sealed partial class MicrocircuitModel : IAdiabaticWindow
{
    private SteadyStateScheme? scheme;

    /// <summary>True when the model runs in adiabatic mode (set by the model file reader); lesions are then refused when compiled.</summary>
    public bool AdiabaticMode { get; set; }

    /// <summary>In adiabatic mode a drive step is refused when the protocol is compiled: the scheme has no external currents.</summary>
    public string? DrivesRefusal => AdiabaticMode
        ? "drives are not available in adiabatic mode: the two-step steady-state scheme has no external currents; use scheduler mode: coupled"
        : null;

    /// <summary>Bottom-up/top-down sweeps of each adiabatic settling (1 = the paper's two-step scheme).</summary>
    public int AdiabaticPasses { get; set; } = 1;

    /// <summary>One adiabatic window of <paramref name="windowMs"/> ms: settle with the two-step scheme, then one weight step proportional to the window.</summary>
    public void RunWindow(double windowMs)
    {
        if (lesionedNeurons is not null || removedWeights is not null)
        {
            throw new InvalidOperationException("lesions are not available in adiabatic mode: the steady-state scheme has no lesioned neurons or removed synapses; use mode: coupled");
        }

        if (drivesActive && drives.Any(d => d.AsSpan().ContainsAnyExcept(0.0)))
        {
            // Bad input (a protocol's drive step), found at the first window it reaches: the CLI reports it in one line.
            throw new ArgumentException("drives are not available in adiabatic mode: the two-step steady-state scheme has no external currents; use scheduler mode: coupled");
        }

        scheme ??= new SteadyStateScheme(Spec, Weights);
        scheme.InterneuronGate = InterneuronGate;
        scheme.InterneuronsSilenced = InterneuronsSilenced;
        SkipInputFilter();
        scheme.Settle(inputPattern, Nudging ? targetPotential : default, AdiabaticPasses);
        scheme.AllPyramidal.CopyTo(AllPyramidal);
        scheme.AllInterneurons.CopyTo(AllInterneurons);
        scheme.Induce(Rates, 1.0, state.AsSpan(InductionRange));
        foreach (var kind in MicrocircuitWeights.Classes)
        {
            for (var l = 0; l < Weights.CountOf(kind); l++)
            {
                var eta = PlasticityGain * classGains[(int)PlasticClassOf(kind)] * CircuitActivity.RateOf(Rates, kind, l) * windowMs;
                if (eta != 0.0)
                {
                    DenseMath.AddScaled(Weights.Of(kind, l), eta, Induction.Of(kind, l));
                }
            }
        }

        Observe();
    }
}

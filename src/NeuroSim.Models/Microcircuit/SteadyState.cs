using NeuroSim.Core.Scheduling;

namespace NeuroSim.Models.Microcircuit;

/// <summary>The exact steady state of the continuous microcircuit, found by relaxing its own dynamics.</summary>
public static class SteadyState
{
    /// <summary>
    /// Switches the current pattern in at once, freezes the weights and integrates the somata (forward Euler;
    /// its fixed point is the ODE's whatever dt) until no potential moves by more than
    /// <paramref name="tolerance"/> in a step. Returns the steps taken; throws when <paramref name="maxSteps"/> is not enough.
    /// The relaxation is a computational device, not experienced time: the plasticity induction filters are
    /// left as they were before it.
    /// </summary>
    public static long Relax(MicrocircuitModel model, double tolerance = 1e-14, long maxSteps = 1_000_000, double dtMs = 0.1)
    {
        ArgumentNullException.ThrowIfNull(model);
        var gain = model.PlasticityGain;
        model.PlasticityGain = 0.0;
        model.SkipInputFilter();
        var induction = model.State[model.InductionRange].ToArray();
        try
        {
            var scheduler = new Scheduler(model, new SchedulerOptions { Mode = SchedulerMode.Coupled, DtMs = dtMs, Integrator = "euler" });
            var previous = model.State[model.SomaRange].ToArray();
            for (long step = 1; step <= maxSteps; step++)
            {
                scheduler.Advance(1);
                var soma = model.State[model.SomaRange];
                var largest = 0.0;
                for (var k = 0; k < soma.Length; k++)
                {
                    largest = Math.Max(largest, Math.Abs(soma[k] - previous[k]));
                    previous[k] = soma[k];
                }

                if (largest <= tolerance)
                {
                    model.Observe();
                    return step;
                }
            }

            throw new EquilibriumNotReachedException("soma", scheduler.Clock.TimeMs, (int)Math.Min(int.MaxValue, maxSteps), double.NaN);
        }
        finally
        {
            induction.CopyTo(model.State[model.InductionRange]);
            model.PlasticityGain = gain;
        }
    }
}

using NeuroSim.Core.Scheduling;

namespace NeuroSim.Models.BalanceCredit;

/// <summary>Standard schedules for the balance-credit processes.</summary>
public static class Schedules
{
    /// <summary>
    /// Multirate with each process on a clock well inside its own time constant: firing RK4 every base step
    /// <paramref name="dtMs"/>, credit exponential Euler every 0.1 tau_c, plasticity Euler every 0.01 tau_w
    /// (its drive is constant over a step, so Euler is exact there; the cost is sample-and-hold of x and c).
    /// </summary>
    public static SchedulerOptions Multirate(Timescales timescales, double dtMs)
    {
        ArgumentNullException.ThrowIfNull(timescales);
        return new SchedulerOptions
        {
            Mode = SchedulerMode.Multirate,
            DtMs = dtMs,
            Clocks = new Dictionary<string, ProcessClock>
            {
                ["firing"] = new("rk4", 1),
                ["credit"] = new("exp-euler", Math.Max(1, (int)Math.Round(0.1 * timescales.CreditMs / dtMs))),
                ["plasticity"] = new("euler", Math.Max(1, (int)Math.Round(0.01 * timescales.PlasticityMs / dtMs))),
            },
        };
    }
}

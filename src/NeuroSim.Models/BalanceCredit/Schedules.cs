using NeuroSim.Core.Scheduling;

namespace NeuroSim.Models.BalanceCredit;

/// <summary>The named multirate schedules of the balance-credit processes; every caller takes its schedule from here.</summary>
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
        return MultirateWith(dtMs, new()
        {
            ["firing"] = new("rk4", 1),
            ["credit"] = new("exp-euler", Math.Max(1, (int)Math.Round(0.1 * timescales.CreditMs / dtMs))),
            ["plasticity"] = new("euler", Math.Max(1, (int)Math.Round(0.01 * timescales.PlasticityMs / dtMs))),
        });
    }

    /// <summary>Every process due every step with exponential Euler (plasticity Euler): one evaluation of each process per step, for throughput.</summary>
    public static SchedulerOptions EveryStep(double dtMs) => MultirateWith(dtMs, new()
    {
        ["firing"] = new("exp-euler", 1),
        ["credit"] = new("exp-euler", 1),
        ["plasticity"] = new("euler", 1),
    });

    /// <summary>
    /// The cheapest schedule whose deviation from BP matches the coupled reference's (measured by `neurosim bench`):
    /// firing exponential Euler every 2 tau_x (exact on the leak, stable at any step), credit every 0.02 tau_c,
    /// plasticity Euler every 0.0005 tau_w.
    /// </summary>
    public static SchedulerOptions CoarseFiring(Timescales timescales, double dtMs)
    {
        ArgumentNullException.ThrowIfNull(timescales);
        return MultirateWith(dtMs, new()
        {
            ["firing"] = new("exp-euler", Math.Max(1, (int)Math.Round(2.0 * timescales.FiringMs / dtMs))),
            ["credit"] = new("exp-euler", Math.Max(1, (int)Math.Round(0.02 * timescales.CreditMs / dtMs))),
            ["plasticity"] = new("euler", Math.Max(1, (int)Math.Round(0.0005 * timescales.PlasticityMs / dtMs))),
        });
    }

    private static SchedulerOptions MultirateWith(double dtMs, Dictionary<string, ProcessClock> clocks) =>
        new() { Mode = SchedulerMode.Multirate, DtMs = dtMs, Clocks = clocks };
}

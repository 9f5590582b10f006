using System.Globalization;

namespace NeuroSim.Analysis.Separation;

/// <summary>How a presentation starts.</summary>
public enum StartMode
{
    /// <summary>x = c = 0: firing and credit both relax during the presentation.</summary>
    Cold,

    /// <summary>
    /// Firing already settled on the input (the prediction phase), credit at its no-target equilibrium; the
    /// target switches on at t = 0, so only credit (and messengers) must relax.
    /// </summary>
    Settled,
}

/// <summary>
/// One grid point: eps_1 = tau_x / tau_c, eps_2 = tau_c / T with T = tau_w the presentation window,
/// and tau_m / tau_c when messengers are simulated.
/// </summary>
public sealed record SeparationPoint(double Epsilon1, double Epsilon2, StartMode Start, double? MessengerRatio = null)
{
    /// <summary>A file-safe key, e.g. "cold_e1-0.1_e2-0.03" (with "_m-0.3" for messengers).</summary>
    public string Key => string.Create(CultureInfo.InvariantCulture,
        $"{Start.ToString().ToLowerInvariant()}_e1-{Epsilon1:R}_e2-{Epsilon2:R}{(MessengerRatio is { } m ? $"_m-{m:R}" : string.Empty)}");

    /// <summary>Time constants in units of tau_x = 1.</summary>
    public (double TauC, double Window, double? TauM) TimeConstants()
    {
        var tauC = 1.0 / Epsilon1;
        return (tauC, tauC / Epsilon2, MessengerRatio * tauC);
    }
}

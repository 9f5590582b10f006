namespace NeuroSim.Models.Microcircuit;

/// <summary>
/// How the somatic noise sigma xi(t) of du/dt = ... + sigma xi(t) is discretised per step of length dt (the noise is
/// added to every soma after each coupled step).
/// </summary>
public enum NoiseConvention
{
    /// <summary>
    /// sigma sqrt(dt) N(0,1) per step (Euler-Maruyama): white noise of intensity sigma per sqrt(ms), as Brian2's
    /// sigma xi. The variance it gives a potential has a continuous-time limit: a soma with total conductance g
    /// (du/dt = -g u + sigma xi) fluctuates with variance sigma^2 / (g (2 - g dt)), which tends to sigma^2 / (2 g) as dt
    /// shrinks. The default.
    /// </summary>
    EulerMaruyama,

    /// <summary>
    /// sigma dt N(0,1) per step: a current sigma N(0,1) held over the step, added inside the derivative. This is what
    /// every published reimplementation of Sacramento et al. does (sigma per step, at their dt of 0.1 ms); the variance
    /// it gives a potential, sigma^2 dt / (g (2 - g dt)), vanishes as dt shrinks, so sigma means something only with its dt.
    /// </summary>
    PerStep,
}

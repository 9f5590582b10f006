namespace NeuroSim.Models.Microcircuit;

/// <summary>How the somatic noise sigma xi(t) is discretised per step of length dt.</summary>
public enum NoiseConvention
{
    /// <summary>
    /// sigma dt N(0,1) per step: the noise is a current held over the step, added inside the derivative. This
    /// is what every published reimplementation does; its effect vanishes as dt shrinks.
    /// </summary>
    PerStep,

    /// <summary>sigma sqrt(dt) N(0,1) per step (Euler-Maruyama): white noise with a dt-independent diffusion.</summary>
    EulerMaruyama,
}

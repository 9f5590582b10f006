namespace NeuroSim.Core.Scheduling;

/// <summary>How the processes of a model share time.</summary>
public enum SchedulerMode
{
    /// <summary>All processes as one ODE with one dt and one integrator: the reference.</summary>
    Coupled,

    /// <summary>Each process on its own clock (a whole multiple of the base dt); slower state frozen between its steps.</summary>
    Multirate,

    /// <summary>Each fast process relaxed to its fixed point in turn, then the slowest integrated over the window: the paper's discrete algorithm.</summary>
    Adiabatic,

    /// <summary>
    /// One application of each fast process's fixed-point map per base step, then one step of each process without a
    /// map (plasticity) over dt: single interleaved iterations, not nested solves (the paper's Algorithm 1, Fig. 4).
    /// </summary>
    Iterated,
}

using NeuroSim.Core.Integration;

namespace NeuroSim.Core.Scheduling;

/// <summary>
/// How to advance a model. The base step <see cref="DtMs"/> is the unit of time: the clock counts whole
/// base steps, and every duration must be a whole number of them.
/// </summary>
public sealed record SchedulerOptions
{
    public SchedulerMode Mode { get; init; } = SchedulerMode.Multirate;

    /// <summary>Base time step in ms (the firing step in multirate mode, the only step in coupled mode).</summary>
    public double DtMs { get; init; } = 0.1;

    /// <summary>Integrator of the coupled system.</summary>
    public string Integrator { get; init; } = "rk4";

    /// <summary>Per-process clocks for multirate mode, by process name; a process without an entry steps every base step with <see cref="Integrator"/>.</summary>
    public IReadOnlyDictionary<string, ProcessClock> Clocks { get; init; } = new Dictionary<string, ProcessClock>();

    /// <summary>Adiabatic mode: relative tolerance of each fixed point.</summary>
    public double FixedPointTolerance { get; init; } = FixedPointSolver.DefaultTolerance;

    /// <summary>Adiabatic mode: iteration cap of each fixed point; not converging within it is an error.</summary>
    public int FixedPointMaxIterations { get; init; } = FixedPointSolver.DefaultMaxIterations;

    /// <summary>
    /// The model's fused paths where it has them: coupled forward Euler in one pass (<see cref="IFusedEulerStep"/>), other
    /// coupled integrators without stored weight stages (<see cref="IFusedCoupledStep"/>), and process steps that share
    /// evaluations and fuse the update into the pass over the weights (<see cref="IFusedProcessStep"/>, multirate,
    /// iterated and adiabatic modes). Each result equals the generic step's, bit for bit or up to the summation order of
    /// the retrograde sums, as the model states; off, every step goes through the integrators' generic loops.
    /// </summary>
    public bool Fused { get; init; } = true;

    /// <summary>
    /// float32 weight storage where accuracy allows: coupled forward Euler through the fused step with the weights
    /// kept in float32 across <see cref="Scheduler.Advance(long)"/> calls (each weight carried to 24 bits, arithmetic
    /// in double). Needs coupled mode, the euler integrator and a model with a fused path.
    /// </summary>
    public bool SinglePrecisionWeights { get; init; }
}

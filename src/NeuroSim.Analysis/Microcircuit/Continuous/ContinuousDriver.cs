using NeuroSim.Core.Scheduling;
using NeuroSim.Models.Microcircuit;

namespace NeuroSim.Analysis.Microcircuit.Continuous;

/// <summary>
/// Steps a continuous-time microcircuit with the engine (coupled explicit Euler, dt 0.1 ms: the update order
/// of the reimplementations) and adds one step of somatic noise after every step.
/// </summary>
public sealed class ContinuousDriver
{
    /// <summary>The step every reimplementation uses (ms).</summary>
    public const double DefaultDtMs = 0.1;

    private readonly Scheduler scheduler;

    public ContinuousDriver(MicrocircuitModel model, double dtMs = DefaultDtMs)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        DtMs = dtMs;
        scheduler = new Scheduler(model, new SchedulerOptions { Mode = SchedulerMode.Coupled, DtMs = dtMs, Integrator = "euler" });
    }

    public MicrocircuitModel Model { get; }

    public double DtMs { get; }

    /// <summary>Simulated time so far (ms).</summary>
    public double TimeMs => scheduler.Clock.TimeMs;

    /// <summary>Whole steps in <paramref name="ms"/>.</summary>
    public int StepsOf(double ms) => (int)Math.Round(ms / DtMs);

    /// <summary>One Euler step of the whole circuit, then its noise.</summary>
    public void Step()
    {
        scheduler.Advance(1);
        Model.AddNoise(DtMs);
    }
}

using NeuroSim.Core.Integration;

namespace NeuroSim.Core.Scheduling;

/// <summary>
/// A process that can take its own step with some integrators in fewer passes over the model's weights than the
/// integrator's generic loop over <see cref="IProcess.System"/> (evaluations shared with the other processes, stages
/// never stored, the update fused into the pass that reads the weights). In multirate and iterated mode the scheduler
/// tries it in place of <see cref="IProcess.Freeze"/> and <see cref="IIntegrator.Step"/> unless
/// <see cref="SchedulerOptions.Fused"/> is off; the result equals the generic step (the model states where only to a
/// tolerance).
/// </summary>
public interface IFusedProcessStep
{
    /// <summary>
    /// Takes one step of <paramref name="h"/> from <paramref name="t"/> with the method of <paramref name="integrator"/>
    /// (by its name) and returns true, or returns false, changing nothing, when there is no fused path for that method
    /// or for the model's configuration.
    /// </summary>
    bool TryFusedStep(IIntegrator integrator, double t, double h);
}

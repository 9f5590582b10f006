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

/// <summary>
/// A process whose step can be taken together with the step of the process that follows it in the model's order, when
/// both are due in the same tick, in fewer passes over the weights than the two fused steps one after the other (for
/// example the credit step and the plasticity step that reads the new credit, in one pass). The multirate scheduler
/// tries it before <see cref="IFusedProcessStep"/>, unless <see cref="SchedulerOptions.Fused"/> is off.
/// </summary>
public interface IFusedProcessPair
{
    /// <summary>
    /// Takes this process's step with <paramref name="integrator"/> over <paramref name="h"/>, then <paramref name="next"/>'s
    /// with <paramref name="nextIntegrator"/> over <paramref name="nextH"/>, both from <paramref name="t"/>, with the result
    /// of the two steps with the constraints re-imposed in between; returns true, or false, changing nothing.
    /// </summary>
    bool TryFusedStepWith(IProcess next, IIntegrator integrator, double h, IIntegrator nextIntegrator, double nextH, double t);
}

namespace NeuroSim.Core.Scheduling;

/// <summary>
/// Looks at the model after every base step of <see cref="Scheduler.Advance(long, IStepObserver)"/>, with the clock
/// already on the new step. It may throw (a diverged state) or stop the advance there by returning false (an
/// interrupt). It lets a caller advance many steps in one call and still check each one, so that advancing in chunks
/// behaves exactly like advancing one step at a time.
/// </summary>
public interface IStepObserver
{
    /// <summary>Checks the state after a step; false stops the advance after this step.</summary>
    bool AfterStep();
}

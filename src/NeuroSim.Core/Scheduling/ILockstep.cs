namespace NeuroSim.Core.Scheduling;

/// <summary>
/// Steps several schedulers' models of the same shape together (many small networks at once). A scheduler with a
/// lockstep (<see cref="Scheduler.Lockstep"/>) hands every <see cref="Scheduler.Advance(long, IStepObserver)"/> to it;
/// the lockstep advances the model exactly as <see cref="Scheduler.AdvanceAlone"/> would, bit for bit, either alone or in
/// a batch with the other members that asked for the same steps at the same time.
/// </summary>
public interface ILockstep
{
    /// <summary>
    /// Advances <paramref name="scheduler"/> by up to <paramref name="steps"/> base steps with the semantics of
    /// <see cref="Scheduler.AdvanceAlone"/>: <paramref name="observer"/> sees the model after the last step taken (the
    /// lockstep itself stops a batch at the first step after which a member's rates or credit are not finite, or an
    /// interrupt is signalled, so that the observer's checks on every other step could only have passed). Returns the base
    /// steps advanced.
    /// </summary>
    long Advance(Scheduler scheduler, long steps, IStepObserver? observer);
}

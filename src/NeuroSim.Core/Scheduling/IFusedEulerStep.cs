namespace NeuroSim.Core.Scheduling;

/// <summary>
/// A model that can take a whole coupled forward-Euler step, y(t + h) = y(t) + h F(t, y(t)), in one pass over
/// its weights: each weight row is read once for its pools, its retrograde sum and its own update, and written
/// once. The scheduler uses it in coupled mode with the euler integrator unless
/// <see cref="SchedulerOptions.Fused"/> is off.
/// </summary>
public interface IFusedEulerStep
{
    /// <summary>Takes the step in place and returns true, or returns false (changing nothing) when the model's current configuration has no fused path.</summary>
    bool TryFusedEulerStep(double t, double h);
}

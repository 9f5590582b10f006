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

    /// <summary>
    /// Takes <paramref name="steps"/> fused steps with the weights held in float32 for the whole call (converted
    /// from and back to the double state once per call; every product and sum still in double), or returns false
    /// (changing nothing) when there is no fused path. Half the memory traffic of the double step.
    /// </summary>
    bool TryFusedEulerStepsSingle(long steps, double h);
}

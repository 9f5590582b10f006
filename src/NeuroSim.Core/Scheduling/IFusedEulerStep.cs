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
    /// Takes up to <paramref name="steps"/> fused steps with the weights in float32 storage (every product and sum still
    /// in double), calling <paramref name="afterEachStep"/> after each step and stopping early when it returns false;
    /// returns the steps taken, or -1 (changing nothing) when there is no fused path. The float32 copy is kept across
    /// calls: it is made from the double state only when the weights may have changed since the last call, and written
    /// back (exactly: a float32 value is a double) when each call returns, so the double state stays current. Half the
    /// memory traffic of the double step.
    /// </summary>
    long TryFusedEulerStepsSingle(long steps, double h, IStepObserver? afterEachStep);
}

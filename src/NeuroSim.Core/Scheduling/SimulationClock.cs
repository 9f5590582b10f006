namespace NeuroSim.Core.Scheduling;

/// <summary>Time as a whole number of base steps (t = step * dt, never accumulated by t += dt).</summary>
public sealed class SimulationClock
{
    /// <summary>Most steps a duration (or a whole run) may take: far beyond any run that can finish, well inside a long.</summary>
    public const long MaxSteps = 1_000_000_000_000;

    // Durations within this relative distance of a whole number of steps count as whole (decimal ms
    // values such as 0.3 are not exact binary fractions of dt).
    private const double WholeStepTolerance = 1e-9;

    public SimulationClock(double dtMs)
    {
        if (!(dtMs > 0) || !double.IsFinite(dtMs))
        {
            throw new ArgumentOutOfRangeException(nameof(dtMs), dtMs, "dt must be finite and > 0 ms");
        }

        DtMs = dtMs;
    }

    public double DtMs { get; }

    public long Step { get; internal set; }

    public double TimeMs => Step * DtMs;

    /// <summary>Sets the step count when a run resumes from a checkpoint.</summary>
    public void Restore(long step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        Step = step;
    }

    /// <summary>The time of step <paramref name="step"/> in ms.</summary>
    public double TimeOf(long step) => step * DtMs;

    /// <summary>Converts a duration to whole steps; a duration that is not a whole number of steps is an error, not a rounding.</summary>
    public long StepsIn(double durationMs)
    {
        var steps = durationMs / DtMs;
        var whole = Math.Round(steps);
        if (!double.IsFinite(steps) || whole < 0 || Math.Abs(steps - whole) > WholeStepTolerance * Math.Max(1.0, whole))
        {
            throw new ArgumentException($"duration {durationMs} ms is not a whole number of steps of dt = {DtMs} ms");
        }

        if (whole > MaxSteps)
        {
            throw new ArgumentException($"duration {durationMs} ms is {whole:G3} steps of dt = {DtMs} ms; at most {MaxSteps:G3} steps are allowed");
        }

        return (long)whole;
    }
}

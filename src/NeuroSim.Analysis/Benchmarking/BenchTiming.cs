using System.Diagnostics;
using NeuroSim.Core.Scheduling;

namespace NeuroSim.Analysis.Benchmarking;

/// <summary>How every bench times a scheduler: a warm-up that sizes a measurement, then the rate of a measurement.</summary>
internal static class BenchTiming
{
    /// <summary>A few steps to warm up, then the number of steps that take about <paramref name="seconds"/>.</summary>
    public static long WarmUp(Scheduler scheduler, double seconds)
    {
        scheduler.Advance(3);
        var probe = Stopwatch.GetTimestamp();
        scheduler.Advance(5);
        var perStep = Math.Max(1e-7, Stopwatch.GetElapsedTime(probe).TotalSeconds / 5);
        return Math.Max(1, (long)(seconds / perStep));
    }

    public static double StepsPerSecond(Scheduler scheduler, long steps)
    {
        var start = Stopwatch.GetTimestamp();
        scheduler.Advance(steps);
        return steps / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }
}

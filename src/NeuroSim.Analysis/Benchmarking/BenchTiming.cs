using System.Diagnostics;
using System.Runtime;
using NeuroSim.Core.Scheduling;

namespace NeuroSim.Analysis.Benchmarking;

/// <summary>How every bench times a scheduler: a warm-up that sizes a measurement, then the rate of a measurement.</summary>
internal static class BenchTiming
{
    private static readonly TimeSpan WarmUpSlice = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan WarmUpLimit = TimeSpan.FromSeconds(4);

    /// <summary>
    /// Steps until the JIT has settled, then the number of steps that take about <paramref name="seconds"/>.
    /// Tiered compilation replaces the first, unoptimised code only after a method has run a while and a background
    /// compile has finished; a measurement that starts earlier times a mix of both, and how much of each varies from
    /// process to process. So the warm-up runs slices of about 50 ms until two slices in a row compiled no method
    /// (or 4 s have passed), and sizes the measurement from the last slice.
    /// </summary>
    public static long WarmUp(Scheduler scheduler, double seconds)
    {
        var started = Stopwatch.GetTimestamp();
        long slice = 1;
        var quietSlices = 0;
        var perStep = 0.0;
        while (quietSlices < 2 && Stopwatch.GetElapsedTime(started) < WarmUpLimit)
        {
            var compiled = JitInfo.GetCompiledMethodCount();
            var start = Stopwatch.GetTimestamp();
            scheduler.Advance(slice);
            var elapsed = Stopwatch.GetElapsedTime(start);
            perStep = Math.Max(1e-9, elapsed.TotalSeconds / slice);
            quietSlices = JitInfo.GetCompiledMethodCount() == compiled && elapsed >= WarmUpSlice / 2 ? quietSlices + 1 : 0;
            slice = Math.Max(1, (long)(WarmUpSlice.TotalSeconds / perStep));
        }

        return Math.Max(1, (long)(seconds / perStep));
    }

    public static double StepsPerSecond(Scheduler scheduler, long steps)
    {
        var start = Stopwatch.GetTimestamp();
        scheduler.Advance(steps);
        return steps / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }
}

namespace NeuroSim.Tests.Support;

/// <summary>Measures what a piece of code allocates per call once it runs in steady state.</summary>
internal static class Allocations
{
    /// <summary>
    /// Bytes allocated on this thread by one round of <paramref name="round"/>, the smallest over
    /// <paramref name="rounds"/> rounds. A step loop that allocates does so in every round, so the minimum
    /// still sees it; a one-off runtime event (a tier-up of a method, a type initialised late under a loaded
    /// test host) lands in one round only and is not blamed on the code under test.
    /// </summary>
    public static long SteadyStateBytes(Action round, int rounds = 5)
    {
        var least = long.MaxValue;
        for (var r = 0; r < rounds; r++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            round();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return least;
    }
}

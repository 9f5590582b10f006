using NeuroSim.Analysis.Separation;
using NeuroSim.Core.Scheduling;
using NeuroSim.Tests.Support;
using Xunit.Abstractions;

namespace NeuroSim.Tests.Analysis;

public sealed class SeparationTests(ITestOutputHelper output)
{
    // The acceptance bound for a well-separated point.
    private const double WellSeparatedBound = 0.05;

    private static readonly ProbeNetwork Network = new() { BatchSize = 3 };

    [Fact]
    public void Deviation_from_the_BP_step_falls_monotonically_as_the_timescales_separate()
    {
        var probe = new PresentationProbe(Network);
        double[] epsilons = [0.3, 0.1, 0.03, 0.01];
        foreach (var start in new[] { StartMode.Cold, StartMode.Settled })
        {
            var deviations = epsilons.Select(e => probe.Measure(new SeparationPoint(e, e, start))).ToArray();
            foreach (var d in deviations)
            {
                output.WriteLine($"{start} eps1 = eps2 = {d.Point.Epsilon1}: deviation {d.Deviation:E3}, cosine {d.Cosine:F6}, settle x {d.SettleFiring:F1}, c {d.SettleCredit:F1} tau_x");
            }

            for (var k = 1; k < deviations.Length; k++)
            {
                Assert.True(deviations[k].Deviation < deviations[k - 1].Deviation, $"{start}: not monotone at eps = {epsilons[k]}");
            }

            Assert.InRange(deviations[^1].Deviation, 0, WellSeparatedBound);
            Assert.InRange(deviations[^1].Cosine, 0.999, 1.0);
        }
    }
}

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

    [Trait("Speed", "Slow")]
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

public sealed class SeparationSweepTests
{
    // The adiabatic schedule is the same arithmetic as BP in another order.
    private const double AdiabaticTolerance = 1e-10;

    private static readonly ProbeNetwork Network = new() { BatchSize = 2 };

    private static readonly SeparationGrid Grid = new()
    {
        Epsilon1 = [1.0, 0.3],
        Epsilon2 = [0.3, 0.1],
        Starts = [StartMode.Cold],
        MessengerRatios = [0.5],
        MessengerEpsilon = 0.3,
    };

    [Fact]
    public void The_adiabatic_end_of_the_sweep_is_the_BP_step()
    {
        Assert.InRange(new PresentationProbe(Network).AdiabaticDeviation(), 0, AdiabaticTolerance);
    }

    [Fact]
    public void An_interrupted_sweep_resumes_and_every_point_is_reproducible_alone()
    {
        using var temp = new TempFolder();
        var sweep = new SeparationSweep(Network, Grid, temp.Path);
        var first = sweep.Run();
        Assert.Equal(Grid.Points().Count, first.Count);
        var files = Grid.Points().ToDictionary(p => p.Key, p => File.ReadAllBytes(sweep.PathOf(p)));
        var stamps = Grid.Points().ToDictionary(p => p.Key, p => File.GetLastWriteTimeUtc(sweep.PathOf(p)));

        // An interruption after all but one point: only the missing one is computed again, to the same bytes.
        var lost = Grid.Points()[1];
        File.Delete(sweep.PathOf(lost));
        var calls = 0;
        var again = new SeparationSweep(Network, Grid, temp.Path).Run((done, total) => calls++);
        Assert.Equal(files[lost.Key], File.ReadAllBytes(sweep.PathOf(lost)));
        foreach (var p in Grid.Points().Where(p => p != lost))
        {
            Assert.Equal(stamps[p.Key], File.GetLastWriteTimeUtc(sweep.PathOf(p)));
        }

        Assert.Equal(2, calls);
        Assert.Equal(first.Select(r => r.Deviation), again.Select(r => r.Deviation));

        // A point alone, in a fresh probe, gives bit-identical numbers.
        var alone = new PresentationProbe(Network).Measure(Grid.Points()[2]);
        Assert.Equal(BitConverter.DoubleToInt64Bits(first[2].Deviation), BitConverter.DoubleToInt64Bits(alone.Deviation));
        Assert.Equal(BitConverter.DoubleToInt64Bits(first[2].Cosine), BitConverter.DoubleToInt64Bits(alone.Cosine));
    }

    [Fact]
    public void The_study_writes_its_table_figures_and_summary()
    {
        using var temp = new TempFolder();
        var summary = SeparationReport.Run(new SeparationSettings
        {
            OutputDirectory = temp.Path,
            Network = Network,
            Grid = Grid,
            Learning = new LearningComparison { Examples = 4, Epochs = 2, Epsilons = [1.0, 0.5] },
            MnistLearning = new LearningComparison { MnistFolder = CliRunner.MnistSubset(), MnistPerClass = 1, MnistHidden = 4, Epochs = 1, Epsilons = [1.0] },
            RasterEpsilons = (0.3, 1.0),
        });
        foreach (var file in new[] { "separation.csv", "summary.md", "learning/loss.csv", "figures/deviation-vs-eps.svg", "figures/phase-diagram.svg", "figures/learning.svg", "figures/updates-well-separated.svg", "figures/updates-poorly-separated.svg", "learning-mnist/loss.csv", "figures/learning-mnist.svg" })
        {
            Assert.True(File.Exists(Path.Combine(temp.Path, file)), file);
        }

        Assert.Equal(1 + Grid.Points().Count, File.ReadAllLines(Path.Combine(temp.Path, "separation.csv")).Length);
        var header = CsvFiles.ReadHeader(Path.Combine(temp.Path, "separation.csv"));
        Assert.Equal(["tau_c_ms", "window_ms"], header[4..6]);
        Assert.Equal(["settle_x_ms", "settle_c_ms", "steps"], header[^3..]);
        Assert.Contains("For biology", summary.Markdown, StringComparison.Ordinal);
        var figure = System.Xml.Linq.XDocument.Load(Path.Combine(temp.Path, "figures", "deviation-vs-eps.svg"));
        Assert.Contains(figure.Descendants(), e => e.Name.LocalName == "text" && e.Value.Contains("slope", StringComparison.Ordinal));
    }

    [Fact]
    public void Slopes_and_limits_are_read_off_lines_correctly()
    {
        IReadOnlyList<(double, double)> line = [(0.001, 0.002), (0.01, 0.02), (0.1, 0.2), (1.0, 0.9)];
        Assert.Equal(1.0, SeparationReport.Slope(line), 12);
        Assert.Equal(0.01, SeparationReport.LargestWithin(line, 0.05));
        Assert.Null(SeparationReport.LargestWithin(line, 0.001));
    }
}

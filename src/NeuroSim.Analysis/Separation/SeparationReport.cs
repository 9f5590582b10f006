using System.Diagnostics;
using System.Globalization;
using System.Text;
using NeuroSim.Core.RunFolders;

namespace NeuroSim.Analysis.Separation;

/// <summary>What to run for a separation study, and where its results go.</summary>
public sealed record SeparationSettings
{
    public required string OutputDirectory { get; init; }

    public ProbeNetwork Network { get; init; } = new();

    public SeparationGrid Grid { get; init; } = new();

    public LearningComparison Learning { get; init; } = new();

    public bool RunLearning { get; init; } = true;

    /// <summary>The MNIST learning comparison (null: skipped).</summary>
    public LearningComparison? MnistLearning { get; init; }

    /// <summary>Firing time constant used to express the limits in ms.</summary>
    public double TauXMs { get; init; } = 10.0;

    /// <summary>Separations of the two update-event rasters (well and poorly separated).</summary>
    public (double Well, double Poor) RasterEpsilons { get; init; } = (0.03, 0.3);

    public bool Png { get; init; }
}

/// <summary>
/// Runs a separation study end to end (grid, learning curves, update rasters), writes the tables, the
/// figures and summary.md into the output folder. Grid points already in points/ are reused, so an
/// interrupted study resumes.
/// </summary>
public static class SeparationReport
{
    /// <summary>Below this eps the deviation is in its asymptotic regime, where slopes are fitted.</summary>
    public const double AsymptoticEpsilon = 0.1;

    public static SeparationSummary Run(SeparationSettings settings, Action<string, int, int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var watch = Stopwatch.StartNew();
        var folder = settings.OutputDirectory;
        Directory.CreateDirectory(folder);
        var sweep = new SeparationSweep(settings.Network, settings.Grid, folder);
        var results = sweep.Run((done, total) => progress?.Invoke("grid", done, total));
        var gridSeconds = watch.Elapsed.TotalSeconds;

        LearningCurves? learning = null;
        if (settings.RunLearning)
        {
            progress?.Invoke("learning", 0, 1);
            learning = settings.Learning.Run();
            WriteLoss(Path.Combine(folder, "learning"), learning);
            progress?.Invoke("learning", 1, 1);
        }

        LearningCurves? mnist = null;
        if (settings.MnistLearning is { } mnistComparison)
        {
            progress?.Invoke("mnist", 0, 1);
            mnist = mnistComparison.Run();
            WriteLoss(Path.Combine(folder, "learning-mnist"), mnist);
            progress?.Invoke("mnist", 1, 1);
        }

        var pair = settings.Network.Pairs()[0];
        foreach (var (name, eps) in new[] { ("well", settings.RasterEpsilons.Well), ("poor", settings.RasterEpsilons.Poor) })
        {
            UpdateTrace.Write(Path.Combine(folder, $"trace-{name}"), settings.Network, eps, pair.Input, pair.Target, settings.TauXMs);
        }

        WriteTable(Path.Combine(folder, "separation.csv"), results);
        var figures = Path.Combine(folder, "figures");
        Directory.CreateDirectory(figures);
        SeparationFigures.Save(SeparationFigures.DeviationVersusEpsilon(results), Path.Combine(figures, "deviation-vs-eps.svg"), settings.Png);
        SeparationFigures.Save(SeparationFigures.PhaseDiagram(results), Path.Combine(figures, "phase-diagram.svg"), settings.Png);
        SeparationFigures.Save(SeparationFigures.Updates(Path.Combine(folder, "trace-well")), Path.Combine(figures, "updates-well-separated.svg"), settings.Png);
        SeparationFigures.Save(SeparationFigures.Updates(Path.Combine(folder, "trace-poor")), Path.Combine(figures, "updates-poorly-separated.svg"), settings.Png);
        if (learning is not null)
        {
            SeparationFigures.Save(SeparationFigures.Learning(Path.Combine(folder, "learning")), Path.Combine(figures, "learning.svg"), settings.Png);
        }

        if (mnist is not null)
        {
            SeparationFigures.Save(SeparationFigures.Learning(Path.Combine(folder, "learning-mnist")), Path.Combine(figures, "learning-mnist.svg"), settings.Png);
        }

        var summary = Summarize(settings, results, learning, mnist, gridSeconds, watch.Elapsed.TotalSeconds);
        AtomicFile.WriteAllText(Path.Combine(folder, "summary.md"), summary.Markdown);
        return summary;
    }

    /// <summary>Least-squares slope of log deviation against log eps over the points with eps &lt;= 0.1; NaN with fewer than two.</summary>
    public static double Slope(IReadOnlyList<(double Eps, double Deviation)> line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var points = line.Where(p => p.Eps <= AsymptoticEpsilon + 1e-12 && p.Deviation > 0).Select(p => (X: Math.Log(p.Eps), Y: Math.Log(p.Deviation))).ToArray();
        if (points.Length < 2)
        {
            return double.NaN;
        }

        double mx = points.Average(p => p.X), my = points.Average(p => p.Y);
        return points.Sum(p => (p.X - mx) * (p.Y - my)) / points.Sum(p => (p.X - mx) * (p.X - mx));
    }

    /// <summary>The largest eps on a line whose deviation, and that of every smaller eps, is at most <paramref name="bound"/>.</summary>
    public static double? LargestWithin(IReadOnlyList<(double Eps, double Deviation)> line, double bound)
    {
        ArgumentNullException.ThrowIfNull(line);
        double? largest = null;
        foreach (var (eps, deviation) in line.OrderBy(p => p.Eps))
        {
            if (!(deviation <= bound))
            {
                break;
            }

            largest = eps;
        }

        return largest;
    }

    private static SeparationSummary Summarize(SeparationSettings settings, IReadOnlyList<PointResult> results, LearningCurves? learning, LearningCurves? mnist, double gridSeconds, double totalSeconds)
    {
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        var tauX = settings.TauXMs;
        text.AppendLine("# Timescale separation: where the balance-credit rule is BP").AppendLine();
        text.AppendLine(string.Create(inv, $"Network {string.Join("-", settings.Network.Sizes)} {settings.Network.Activation}, seed {settings.Network.Seed}, batch of {settings.Network.BatchSize} pairs, eta = lambda = {settings.Network.LearningRate:G3}; T = tau_w. Grid: {results.Count} points in {gridSeconds:F1} s; whole study {totalSeconds:F1} s on {Environment.ProcessorCount} cores.")).AppendLine();
        text.AppendLine(string.Create(inv, $"The eps -> 0 end (adiabatic schedule): deviation {new PresentationProbe(settings.Network).AdiabaticDeviation():E2}.")).AppendLine();
        text.AppendLine("| line | slope (eps <= 0.1) | largest eps within 5% | deviation at the smallest eps |").AppendLine("|---|---|---|---|");
        var lines = SeparationFigures.Lines(results).ToList();
        foreach (var (label, line) in lines)
        {
            var within = LargestWithin(line, 0.05);
            var best = line.OrderBy(p => p.Eps).First();
            text.AppendLine(string.Create(inv, $"| {label} | {Slope(line):F2} | {(within is { } w ? w.ToString("G3", inv) : "none")} | {best.Deviation:P2} at {best.Eps:G3} |"));
        }

        text.AppendLine().AppendLine("| start | eps1 | eps2 | tau_m/tau_c | deviation | cosine | settle x (tau_x) | settle c (tau_x) |").AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var r in results.OrderBy(r => r.Point.Start).ThenByDescending(r => r.Point.Epsilon1).ThenByDescending(r => r.Point.Epsilon2))
        {
            text.AppendLine(string.Create(inv, $"| {r.Point.Start.ToString().ToLowerInvariant()} | {r.Point.Epsilon1:G3} | {r.Point.Epsilon2:G3} | {(r.Point.MessengerRatio is { } m ? m.ToString("G3", inv) : "-")} | {r.Deviation:P2} | {r.Cosine:F5} | {r.SettleFiring:F1} | {r.SettleCredit:F1} |"));
        }

        var diagonal = lines.FirstOrDefault(l => l.Label.StartsWith("cold, eps1 = eps2", StringComparison.Ordinal)).Line;
        double? within5 = diagonal is null ? null : LargestWithin(diagonal, 0.05);
        var cold = results.Where(r => r.Point.Start == StartMode.Cold && r.Point.MessengerRatio is null).ToList();
        text.AppendLine().AppendLine(string.Create(inv, $"**For biology** (tau_x = {tauX:G3} ms, cold start): the slowest plasticity window T = tau_w that keeps one presentation within 5% of the BP step, for each credit time constant:")).AppendLine();
        text.AppendLine("| eps1 = tau_x/tau_c | tau_c (ms) | largest eps2 = tau_c/T within 5% | T = tau_w needed (ms) |").AppendLine("|---|---|---|---|");
        foreach (var e1 in cold.Select(r => r.Point.Epsilon1).Distinct().OrderDescending())
        {
            var line = cold.Where(r => r.Point.Epsilon1 == e1).Select(r => (r.Point.Epsilon2, r.Deviation)).ToList();
            var e2 = LargestWithin(line, 0.05);
            text.AppendLine(string.Create(inv, $"| {e1:G3} | {tauX / e1:G4} | {(e2 is { } v ? v.ToString("G3", inv) : "none")} | {(e2 is { } w ? (tauX / e1 / w).ToString("G4", inv) : "-")} |"));
        }

        text.AppendLine();
        foreach (var (comparison, curves) in new[] { (settings.Learning, learning), (settings.MnistLearning, mnist) })
        {
            if (comparison is null || curves is null)
            {
                continue;
            }

            AppendLearning(text, comparison, curves, tauX);
        }

        return new SeparationSummary(results, learning, within5, text.ToString(), totalSeconds);
    }

    private static void AppendLearning(StringBuilder text, LearningComparison comparison, LearningCurves curves, double tauX)
    {
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine().AppendLine(string.Create(inv, $"Learning ({comparison.TaskName}, {comparison.Epochs} epochs, lambda = {comparison.StepSize}): BP final loss {curves.BackpropFinal:E3}.")).AppendLine();
        text.AppendLine(string.Create(inv, $"The eps -> 0 limit of the continuous rule (x and c settled, the weights following the gradient flow through each presentation) ends at {curves.Limit[^1]:E3}, {curves.LimitRatio:F3} x BP's: the part of any gap that is not separation but BP's discrete step of size lambda.")).AppendLine();
        text.AppendLine("| eps | tau_c (ms) | T = tau_w (ms) | final loss | / BP | / eps -> 0 limit |").AppendLine("|---|---|---|---|---|---|");
        for (var k = 0; k < curves.Epsilons.Count; k++)
        {
            var e = curves.Epsilons[k];
            text.AppendLine(string.Create(inv, $"| {e:G3} | {tauX / e:G4} | {tauX / (e * e):G4} | {curves.Curves[k + 1][^1]:E3} | {curves.FinalRatios[k]:F3} | {curves.LimitRatios[k]:F3} |"));
        }

        var okLimit = curves.LargestWithinTolerance(ofLimit: true);
        var ok = curves.LargestWithinTolerance();
        var fail = curves.SmallestFailing();
        text.AppendLine().AppendLine(string.Create(inv, $"Final loss within 5% of BP's for eps <= {(ok is { } o ? o.ToString("G3", inv) : "none of the values tried")}{(ok is { } o2 ? $" (tau_c >= {tauX / o2:G4} ms, tau_w >= {tauX / (o2 * o2):G4} ms)" : string.Empty)}; within 5% of the eps -> 0 limit for eps <= {(okLimit is { } l ? l.ToString("G3", inv) : "none of the values tried")}; learning diverged or stalled (final loss above half the initial) from eps = {(fail is { } f ? f.ToString("G3", inv) : "never, up to the largest eps tried")}."));
    }

    private static void WriteTable(string path, IReadOnlyList<PointResult> results)
    {
        var projections = results[0].ProjectionDeviation.Count;
        AtomicFile.Write(path, stream =>
        {
            using var csv = new CsvTableWriter(stream, ["start", "eps1", "eps2", "messenger_ratio", "tau_c_ms", "window_ms", "deviation", "max_deviation", "cosine", .. Enumerable.Range(0, projections).Select(k => $"deviation_L{k}-L{k + 1}"), .. Enumerable.Range(0, projections).Select(k => $"cosine_L{k}-L{k + 1}"), "settle_x_ms", "settle_c_ms", "steps"]);
            foreach (var r in results)
            {
                var (tauC, window, _) = r.Point.TimeConstants();
                csv.Write(r.Point.Start.ToString().ToLowerInvariant()).Write(r.Point.Epsilon1).Write(r.Point.Epsilon2).Write(r.Point.MessengerRatio ?? double.NaN)
                    .Write(tauC).Write(window).Write(r.Deviation).Write(r.MaxDeviation).Write(r.Cosine)
                    .Write([.. r.ProjectionDeviation]).Write([.. r.ProjectionCosine]).Write(r.SettleFiring).Write(r.SettleCredit).Write(r.StepsPerPresentation).EndRow();
            }
        });
    }

    private static void WriteLoss(string folder, LearningCurves learning)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "loss.csv");
        AtomicFile.Write(path, stream =>
        {
            using var csv = new CsvTableWriter(stream, ["epoch", .. learning.Names, "eps->0 limit"]);
            for (var epoch = 0; epoch < learning.Curves[0].Length; epoch++)
            {
                csv.Write(epoch);
                foreach (var curve in learning.Curves)
                {
                    csv.Write(curve[epoch]);
                }

                csv.Write(learning.Limit[epoch]);
                csv.EndRow();
            }
        });
    }
}

/// <summary>The outcome of a separation study.</summary>
public sealed record SeparationSummary(IReadOnlyList<PointResult> Results, LearningCurves? Learning, double? LargestEpsilonWithin5Percent, string Markdown, double Seconds);

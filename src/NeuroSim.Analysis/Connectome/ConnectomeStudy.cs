using System.Globalization;
using System.Text;
using NeuroSim.Analysis.Communities;
using NeuroSim.Core.RunFolders;
using NeuroSim.Plotting.Layers;
using NeuroSim.Plotting.Layout;
using NeuroSim.Plotting.Rendering;

namespace NeuroSim.Analysis.Connectome;

/// <summary>
/// The Fig. 4 study: learning rate r (and prune fraction p) swept over seeds; per run the Leiden modularity
/// Q of the symmetrised |W|, the number of communities and the within/between weight ratio; mean and
/// standard deviation per (r, p); reordered weight heatmaps for the lowest and highest r.
/// </summary>
public static class ConnectomeStudy
{
    public static IReadOnlyList<double> DefaultRates { get; } = [0.001, 0.003, 0.01, 0.03, 0.1];

    public static string Run(string folder, ConnectomeSettings template, IReadOnlyList<double> rates, IReadOnlyList<double> pruneFractions, int seeds, bool png)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(rates);
        ArgumentNullException.ThrowIfNull(pruneFractions);
        Directory.CreateDirectory(folder);
        var jobs = (from p in pruneFractions from r in rates from s in Enumerable.Range(1, seeds) select template with { LearningRate = r, PruneFraction = p, Seed = (ulong)s }).ToList();
        var results = new ConnectomeResult[jobs.Count];
        Parallel.For(0, jobs.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, k => results[k] = ConnectomeExperiment.Run(jobs[k]));

        var table = Path.Combine(folder, "connectome.csv");
        AtomicFile.Write(table, stream =>
        {
            using var csv = new CsvTableWriter(stream, ["r", "p", "seed", "modularity", "communities", "within_between_ratio", "density", "diverged"]);
            foreach (var result in results)
            {
                var n = result.Settings.Neurons;
                var density = result.Weights.Count(w => w != 0) / (double)(n * (n - 1));
                csv.Write(result.Settings.LearningRate).Write(result.Settings.PruneFraction).Write((long)result.Settings.Seed)
                    .Write(result.Communities.Modularity).Write(result.Communities.CommunityCount).Write(result.WithinBetweenRatio).Write(density).Write(result.Diverged ? "yes" : "no").EndRow();
            }
        });
        var figures = Path.Combine(folder, "figures");
        Directory.CreateDirectory(figures);
        Save(Curves(results, rates, pruneFractions), Path.Combine(figures, "modularity-vs-rate.svg"), png);
        foreach (var p in pruneFractions)
        {
            var low = results.First(r => r.Settings.PruneFraction == p && r.Settings.LearningRate == rates.Min());
            var high = results.First(r => r.Settings.PruneFraction == p && r.Settings.LearningRate == rates.Max());
            Save(Heatmaps(low, high), Path.Combine(figures, $"reordered-weights-p{p.ToString(CultureInfo.InvariantCulture)}.svg"), png);
        }

        var summary = Summary(template, results, rates, pruneFractions, seeds);
        File.WriteAllText(Path.Combine(folder, "summary.md"), summary);
        return summary;
    }

    private static string Summary(ConnectomeSettings template, ConnectomeResult[] results, IReadOnlyList<double> rates, IReadOnlyList<double> pruneFractions, int seeds)
    {
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine("# Fig. 4: learning rate and connectome structure").AppendLine();
        text.AppendLine(string.Create(inv, $"{template.Neurons} tanh neurons all-to-all, {template.PinnedFraction:P0} with held credit, gain {template.Gain}, noise std {template.NoiseStd} on x and c, {template.Iterations} iterations, {seeds} seeds per point; Leiden (modularity, gamma 1) on (|W| + |W^T|)/2.")).AppendLine();
        text.AppendLine("| p | r | modularity Q | communities | within/between weight ratio | diverged |").AppendLine("|---|---|---|---|---|---|");
        foreach (var p in pruneFractions)
        {
            foreach (var r in rates)
            {
                var group = results.Where(x => x.Settings.PruneFraction == p && x.Settings.LearningRate == r).ToList();
                text.AppendLine(string.Create(inv, $"| {p:G3} | {r:G3} | {MeanSd(group.Select(x => x.Communities.Modularity))} | {MeanSd(group.Select(x => (double)x.Communities.CommunityCount))} | {MeanSd(group.Select(x => x.WithinBetweenRatio))} | {group.Count(x => x.Diverged)}/{group.Count} |"));
            }
        }

        return text.ToString();
    }

    private static string MeanSd(IEnumerable<double> values)
    {
        var v = values.Where(double.IsFinite).ToArray();
        if (v.Length == 0)
        {
            return "n/a";
        }

        var mean = v.Average();
        var sd = v.Length > 1 ? Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1)) : 0.0;
        return string.Create(CultureInfo.InvariantCulture, $"{mean:G4} ± {sd:G2}");
    }

    private static Figure Curves(ConnectomeResult[] results, IReadOnlyList<double> rates, IReadOnlyList<double> pruneFractions)
    {
        var figure = new Figure(1, 2) { Width = 1100, Height = 480, Title = "Learning rate vs community structure (Fan & Mysore Fig. 4, quantified)", Subtitle = "line: mean over seeds, band: 95% confidence interval, dots: single seeds; Leiden on the symmetrised |W|" };
        var q = new Panel { Title = "modularity Q" };
        var ratio = new Panel { Title = "within / between module weight" };
        foreach (var panel in new[] { q, ratio })
        {
            panel.X.Log = true;
            panel.X.Label = "learning rate r";
        }

        var color = 0;
        foreach (var p in pruneFractions)
        {
            var label = string.Create(CultureInfo.InvariantCulture, $"prune p = {p:G3}");
            foreach (var (panel, pick) in new[] { (q, (Func<ConnectomeResult, double>)(x => x.Communities.Modularity)), (ratio, x => x.WithinBetweenRatio) })
            {
                var seeds = rates.Select(r => (IReadOnlyList<double>)[.. results.Where(x => x.Settings.PruneFraction == p && x.Settings.LearningRate == r).Select(pick)]).ToList();
                panel.Add(new MeanWithInterval(label, [.. rates], seeds, Palette.SeriesColor(color), 2));
                var points = results.Where(x => x.Settings.PruneFraction == p).ToList();
                panel.Add(new ScatterSeries(null, [.. points.Select(x => x.Settings.LearningRate)], [.. points.Select(pick)], Palette.SeriesColor(color), 2.5));
            }

            color++;
        }

        figure.Add(0, 0, q);
        figure.Add(0, 1, ratio);
        return figure;
    }

    private static Figure Heatmaps(ConnectomeResult low, ConnectomeResult high)
    {
        var n = low.Settings.Neurons;
        var maxAbs = new[] { low, high }.SelectMany(r => r.Weights).Select(Math.Abs).DefaultIfEmpty(1).Max();
        var map = ColorMap.Diverging(maxAbs);
        var figure = new Figure(1, 2)
        {
            // The second column also holds the colour bar: wider by about its room, so both heatmaps get the same
            // square data area instead of square units stretching the narrower one's axis.
            Width = 1250,
            Height = 600,
            ColumnWeights = [1, 1.2],
            Title = string.Create(CultureInfo.InvariantCulture, $"Weights reordered by Leiden communities (prune p = {low.Settings.PruneFraction:G3}, seed {low.Settings.Seed})"),
            Subtitle = "rows: postsynaptic, columns: presynaptic; lines: community boundaries",
        };
        var column = 0;
        foreach (var result in new[] { low, high })
        {
            var order = ModuleStructure.NodeOrder(result.Communities.Membership);
            var reordered = ModuleStructure.Reorder(result.Weights, n, order);
            var rows = Enumerable.Range(0, n).Select(i => reordered.AsSpan(i * n, n).ToArray()).ToArray();
            var sizes = Enumerable.Range(0, result.Communities.CommunityCount).Select(c => result.Communities.Membership.Count(m => m == c)).ToArray();
            var boundaries = sizes.Select((_, k) => sizes.Take(k + 1).Sum()).SkipLast(1).ToArray();
            var panel = new Panel
            {
                Title = string.Create(CultureInfo.InvariantCulture, $"r = {result.Settings.LearningRate:G3}: Q = {result.Communities.Modularity:F3}, {result.Communities.CommunityCount} communities, within/between {result.WithinBetweenRatio:F2}"),
                KeepAspect = true,
            };
            panel.Add(new Heatmap(rows, map) { RowSeparators = boundaries, ColumnSeparators = boundaries });
            panel.Y.Inverted = true;
            panel.X.Grid = panel.Y.Grid = false;
            panel.X.Label = "presynaptic (reordered)";
            panel.Y.Label = "postsynaptic (reordered)";
            if (column == 1)
            {
                panel.ColorBar = new ColorBar(map, "weight w");
            }

            figure.Add(0, column++, panel);
        }

        return figure;
    }

    private static void Save(Figure figure, string path, bool png)
    {
        // PNG and SVG are always written now; png is kept for callers that still pass it.
        _ = png;
        FigureFile.Write(figure, path);
    }
}

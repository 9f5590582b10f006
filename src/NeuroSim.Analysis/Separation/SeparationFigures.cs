using System.Globalization;
using NeuroSim.Core.RunFolders;
using NeuroSim.Plotting.Layers;
using NeuroSim.Plotting.Layout;
using NeuroSim.Plotting.Recipes;
using NeuroSim.Plotting.Rendering;

namespace NeuroSim.Analysis.Separation;

/// <summary>The figures of a separation study, drawn with NeuroSim's SVG module.</summary>
public static class SeparationFigures
{
    /// <summary>Deviation from the BP step against eps on log-log axes, each line with its fitted slope in the legend.</summary>
    public static Figure DeviationVersusEpsilon(IReadOnlyList<PointResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var figure = new Figure(1, 1)
        {
            Width = 860,
            Height = 560,
            Title = "Deviation of one presentation's weight change from the BP step",
            Subtitle = "relative L2 distance ||dW - dW_BP|| / ||dW_BP||, mean over the batch; slopes fitted where eps <= 0.1",
            Footnote = "eps1 = tau_x / tau_c, eps2 = tau_c / T with T = tau_w. Cold: x = c = 0 at onset; settled: firing already settled on the input.",
        };
        // The lines rise to the right and the flat ones lie low: the upper left is the empty corner.
        var panel = new Panel { Legend = LegendPosition.TopLeft };
        panel.X.Log = true;
        panel.Y.Log = true;
        panel.X.Label = "eps";
        panel.Y.Label = "relative deviation from the BP step";
        var color = 0;
        foreach (var (label, line) in Lines(results))
        {
            var slope = SeparationReport.Slope(line);
            var text = double.IsNaN(slope) ? label : string.Create(CultureInfo.InvariantCulture, $"{label} (slope {slope:F2})");
            panel.Add(new LineSeries(text, [.. line.Select(p => p.Eps)], [.. line.Select(p => p.Deviation)], Palette.SeriesColor(color), 2));
            panel.Add(new ScatterSeries(null, [.. line.Select(p => p.Eps)], [.. line.Select(p => p.Deviation)], Palette.SeriesColor(color), 3.5));
            color++;
        }

        var eps = results.Select(r => r.Point.Epsilon1).Distinct().Order().ToArray();
        if (eps.Length > 1)
        {
            panel.Add(new LineSeries("5% of the BP step", [eps[0], eps[^1]], [0.05, 0.05], "#888888", 1.2, "6 4"));
        }

        figure.Add(0, 0, panel);
        return figure;
    }

    /// <summary>Phase diagrams over (eps1, eps2), one per start mode, coloured by log10 of the deviation.</summary>
    public static Figure PhaseDiagram(IReadOnlyList<PointResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var starts = results.Where(r => r.Point.MessengerRatio is null).Select(r => r.Point.Start).Distinct().ToList();
        var e1 = results.Select(r => r.Point.Epsilon1).Distinct().OrderDescending().ToArray();
        var e2 = results.Select(r => r.Point.Epsilon2).Distinct().OrderDescending().ToArray();
        var logs = results.Where(r => r.Point.MessengerRatio is null).Select(r => Math.Log10(r.Deviation)).Where(double.IsFinite).ToArray();
        var map = ColorMap.Sequential(Math.Floor(logs.Min()), Math.Ceiling(logs.Max()));
        var figure = new Figure(1, starts.Count)
        {
            Width = 520 * starts.Count,
            Height = 560,
            Title = "Phase diagram: where the rule is BP",
            Subtitle = "colour: log10 of the relative deviation from the BP step (mean over the batch); values in separation.csv",
            Footnote = "columns: eps1 = tau_x / tau_c; rows: eps2 = tau_c / tau_w. Up and right: better separated.",
        };
        for (var s = 0; s < starts.Count; s++)
        {
            var values = new double[e2.Length][];
            for (var row = 0; row < e2.Length; row++)
            {
                values[row] = [.. e1.Select(a => results.FirstOrDefault(r => r.Point.MessengerRatio is null && r.Point.Start == starts[s] && r.Point.Epsilon1 == a && r.Point.Epsilon2 == e2[row]) is { } r ? Math.Log10(r.Deviation) : double.NaN)];
            }

            var panel = new Panel { Title = starts[s] == StartMode.Cold ? "cold start" : "settled start", KeepAspect = true };
            panel.Add(new Heatmap(values, map));
            panel.X.Label = "eps1 = tau_x / tau_c";
            panel.Y.Label = "eps2 = tau_c / tau_w";
            panel.X.Ticks = [.. e1.Select((v, k) => new Tick(k + 0.5, v.ToString("G3", CultureInfo.InvariantCulture)))];
            panel.Y.Ticks = [.. e2.Select((v, k) => new Tick(k + 0.5, v.ToString("G3", CultureInfo.InvariantCulture)))];
            panel.X.Grid = panel.Y.Grid = false;
            if (s == starts.Count - 1)
            {
                panel.ColorBar = new ColorBar(map, "log10 deviation");
            }

            figure.Add(0, s, panel);
        }

        return figure;
    }

    /// <summary>Writes a figure as PNG and SVG (<paramref name="png"/> is ignored: both are always written; kept for callers).</summary>
    public static void Save(Figure figure, string path, bool png)
    {
        ArgumentNullException.ThrowIfNull(figure);
        _ = png;
        FigureFile.Write(figure, path);
    }

    /// <summary>The learning curves of a loss.csv folder, with the `learning` recipe.</summary>
    public static Figure Learning(string runFolder) =>
        FigureRecipes.Build(FigureRecipes.Find("learning"), [RunData.Open(runFolder)], new PlotOptions());

    /// <summary>The update-event raster of an <see cref="UpdateTrace"/> folder, with the `updates` recipe.</summary>
    public static Figure Updates(string runFolder) =>
        FigureRecipes.Build(FigureRecipes.Find("updates"), [RunData.Open(runFolder)], new PlotOptions());

    /// <summary>The lines drawn against eps: the diagonal per start mode, and each axis alone at the other's best separation.</summary>
    internal static IEnumerable<(string Label, IReadOnlyList<(double Eps, double Deviation)> Line)> Lines(IReadOnlyList<PointResult> results)
    {
        var grid = results.Where(r => r.Point.MessengerRatio is null).ToList();
        if (grid.Count == 0)
        {
            yield break;
        }

        var bestE1 = grid.Min(r => r.Point.Epsilon1);
        var bestE2 = grid.Min(r => r.Point.Epsilon2);
        foreach (var start in grid.Select(r => r.Point.Start).Distinct())
        {
            var name = start == StartMode.Cold ? "cold" : "settled";
            var diagonal = grid.Where(r => r.Point.Start == start && r.Point.Epsilon1 == r.Point.Epsilon2).OrderBy(r => r.Point.Epsilon1).Select(r => (r.Point.Epsilon1, r.Deviation)).ToList();
            if (diagonal.Count > 1)
            {
                yield return ($"{name}, eps1 = eps2 = eps", diagonal);
            }

            var alongE2 = grid.Where(r => r.Point.Start == start && r.Point.Epsilon1 == bestE1).OrderBy(r => r.Point.Epsilon2).Select(r => (r.Point.Epsilon2, r.Deviation)).ToList();
            if (alongE2.Count > 1)
            {
                yield return (string.Create(CultureInfo.InvariantCulture, $"{name}, eps2 = eps at eps1 = {bestE1:G3}"), alongE2);
            }

            var alongE1 = grid.Where(r => r.Point.Start == start && r.Point.Epsilon2 == bestE2).OrderBy(r => r.Point.Epsilon1).Select(r => (r.Point.Epsilon1, r.Deviation)).ToList();
            if (alongE1.Count > 1)
            {
                yield return (string.Create(CultureInfo.InvariantCulture, $"{name}, eps1 = eps at eps2 = {bestE2:G3}"), alongE1);
            }
        }

        var messenger = results.Where(r => r.Point.MessengerRatio is not null).OrderBy(r => r.Point.MessengerRatio).Select(r => (r.Point.MessengerRatio!.Value, r.Deviation)).ToList();
        if (messenger.Count > 1)
        {
            yield return (string.Create(CultureInfo.InvariantCulture, $"messenger: eps = tau_m / tau_c at eps1 = eps2 = {results.First(r => r.Point.MessengerRatio is not null).Point.Epsilon1:G3}"), messenger);
        }
    }
}

namespace NeuroSim.Analysis.Microcircuit.Recall;

/// <summary>Image grids of the recall experiment (28 x 28 heatmap panels, white 0 to black 1).</summary>
public static class RecallFigures
{
    private const int Side = 28;

    /// <summary>Grey scale from white (0) to black (1): ink on paper.</summary>
    public static ColorMap Ink { get; } = new(0, 1, ["#FFFFFF", "#000000"]);

    /// <summary>Rows of clean / corrupted / recalled / top-down images, one column per digit.</summary>
    public static Figure Denoising(IReadOnlyList<RecallExample> examples, string corruption, IReadOnlyList<ErrorStatistic> statistics)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(statistics);
        var closed = statistics.First(s => s.Gate == 1.0 && !s.Condition.StartsWith("top-down", StringComparison.Ordinal));
        var open = statistics.First(s => s.Gate == 0.0 && !s.Condition.StartsWith("top-down", StringComparison.Ordinal));
        var subtitle = string.Create(
            CultureInfo.InvariantCulture,
            $"rows: clean; corrupted with the VIP gate closed; corrupted with the gate open; the top-down prediction phi(B r). Sensory-layer rates of held-out digits {string.Join(", ", examples.Select(e => e.Label))}; {corruption}. Mean squared error to the clean digit's rates over {open.Digits} digits: gate closed {closed.Mean:F4} +- {closed.StandardDeviation:F4}, gate open {open.Mean:F4} +- {open.StandardDeviation:F4}");
        return Grid(
            "VIP disinhibition: top-down recall of corrupted digits",
            subtitle,
            [
                ("clean", [.. examples.Select(e => e.Clean)]),
                ("gate closed", [.. examples.Select(e => e.Corrupted)]),
                ("gate open", [.. examples.Select(e => e.Recalled)]),
                ("phi(B r)", [.. examples.Select(e => e.TopDown)]),
            ]);
    }

    /// <summary>The 10 class prototypes: raw sensory rates, and each minus the mean of the ten (its class-specific part).</summary>
    public static Figure Prototypes(IReadOnlyList<double[]> prototypes)
    {
        ArgumentNullException.ThrowIfNull(prototypes);
        var mean = new double[prototypes[0].Length];
        foreach (var p in prototypes)
        {
            for (var i = 0; i < mean.Length; i++)
            {
                mean[i] += p[i] / prototypes.Count;
            }
        }

        var specific = prototypes.Select(p => p.Select((v, i) => v - mean[i]).ToArray()).ToList();
        return Grid(
            "VIP disinhibition: class prototypes generated top-down",
            $"blank input, output nudged toward class 0 ... {prototypes.Count - 1} (left to right), VIP gate open, settled. Top: sensory-layer rates; bottom: minus the mean of the {prototypes.Count} (class-specific part). Each panel on its own grey range.",
            [("rates", prototypes), ("minus mean", specific)],
            normalise: true);
    }

    /// <summary>A grid of 28 x 28 images, one titled row per entry; <paramref name="normalise"/> stretches each image to its own range.</summary>
    public static Figure Grid(string title, string subtitle, IReadOnlyList<(string Label, IReadOnlyList<double[]> Images)> rows, bool normalise = false)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var columns = rows.Max(r => r.Images.Count);
        var figure = new Figure(rows.Count, columns)
        {
            Width = Math.Max(640, 60 + (columns * 110)),
            Height = 170 + (rows.Count * 130),
            Title = title,
            Subtitle = subtitle,
            ShareX = true,
            ShareYInRow = true,
        };
        for (var r = 0; r < rows.Count; r++)
        {
            for (var c = 0; c < rows[r].Images.Count; c++)
            {
                var image = rows[r].Images[c];
                var map = normalise ? new ColorMap(image.Min(), image.Max(), ["#FFFFFF", "#000000"]) : Ink;
                var panel = new Panel { Title = c == 0 ? rows[r].Label : null, KeepAspect = true, Legend = LegendPosition.None };
                panel.Add(new Heatmap(ToMatrix(image), map));
                panel.Y.Inverted = true;
                panel.X.Tight = panel.Y.Tight = true;
                panel.X.Ticks = panel.Y.Ticks = Array.Empty<Tick>();
                panel.X.Grid = panel.Y.Grid = false;
                panel.X.ShowTickLabels = panel.Y.ShowTickLabels = false;
                figure.Add(r, c, panel);
            }
        }

        return figure;
    }

    private static double[][] ToMatrix(double[] image)
    {
        var rows = image.Length / Side;
        return [.. Enumerable.Range(0, rows).Select(r => image.AsSpan(r * Side, Side).ToArray())];
    }
}

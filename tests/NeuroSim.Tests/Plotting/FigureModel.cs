using NeuroSim.Plotting.Layout;
using NeuroSim.Plotting.Rendering;
using ScottPlot;
using SkiaSharp;

namespace NeuroSim.Tests.Plotting;

/// <summary>
/// A figure as drawn: the ScottPlot model (one plot per panel, with its plottables, axis labels, limits
/// and legend items) and the rendered PNG, for tests that assert on the figure rather than on text.
/// </summary>
public sealed class FigureModel
{
    public FigureModel(Figure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        Figure = figure;
        using (var surface = SKSurface.Create(new SKImageInfo(figure.PixelSize.Width, figure.PixelSize.Height)))
        {
            Plots = FigureCanvas.Draw(figure, surface.Canvas).GetPlots();
        }

        Png = FigureCanvas.Png(figure);
    }

    public Figure Figure { get; }

    public Plot[] Plots { get; }

    public byte[] Png { get; }

    public IReadOnlyList<string> PanelTitles => [.. Plots.Select(p => p.Axes.Title.Label.Text).Where(t => t.Length > 0)];

    /// <summary>The line and scatter plottables of every panel.</summary>
    public IReadOnlyList<ScottPlot.Plottables.Scatter> Lines => [.. Plots.SelectMany(p => p.GetPlottables<ScottPlot.Plottables.Scatter>())];

    /// <summary>Legend text: the figure header's entries, then each panel's legend items.</summary>
    public IReadOnlyList<string> LegendLabels =>
        [.. Figure.HeaderLegend.Select(e => e.Label).Concat(Plots.Where(p => p.Legend.IsVisible).SelectMany(p => p.Legend.ManualItems.Select(i => i.LabelText)))];

    /// <summary>Axis labels drawn (hidden ones on shared axes are empty and left out).</summary>
    public IReadOnlyList<string> AxisLabels =>
        [.. Plots.SelectMany(p => new[] { p.Axes.Bottom.Label.Text, p.Axes.Left.Label.Text }).Where(t => t.Length > 0)];

    public IReadOnlyList<T> Plottables<T>()
        where T : ScottPlot.IPlottable => [.. Plots.SelectMany(p => p.GetPlottables<T>())];

    /// <summary>Pixels of the PNG inside a rectangle (figure units) that are clearly darker than the white background.</summary>
    public int DarkPixels(float left, float top, float right, float bottom)
    {
        using var bitmap = SKBitmap.Decode(Png);
        var scale = FigureCanvas.PngScale;
        var count = 0;
        for (var y = (int)(top * scale); y < Math.Min(bitmap.Height, (int)(bottom * scale)); y++)
        {
            for (var x = (int)(left * scale); x < Math.Min(bitmap.Width, (int)(right * scale)); x++)
            {
                var c = bitmap.GetPixel(x, y);
                count += c.Red + c.Green + c.Blue < 3 * 160 ? 1 : 0;
            }
        }

        return count;
    }
}

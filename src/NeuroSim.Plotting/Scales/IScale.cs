namespace NeuroSim.Plotting.Scales;

/// <summary>A tick mark on an axis: its data value and its label.</summary>
public readonly record struct Tick(double Value, string Label);

/// <summary>
/// Maps data values of one axis onto pixels. <see cref="PixelFrom"/> is the pixel of
/// <see cref="Min"/> and <see cref="PixelTo"/> the pixel of <see cref="Max"/>; for a y axis PixelFrom is
/// the bottom of the plot area (SVG y grows downwards), for an inverted axis (heatmap rows) the top.
/// </summary>
public interface IScale
{
    double Min { get; }

    double Max { get; }

    double PixelFrom { get; }

    double PixelTo { get; }

    /// <summary>False for values the scale cannot show (non-finite, or not positive on a log scale).</summary>
    bool CanShow(double value);

    double ToPixel(double value);

    IReadOnlyList<Tick> Ticks();

    /// <summary>The same scale onto another pixel interval.</summary>
    IScale WithPixels(double pixelFrom, double pixelTo);
}

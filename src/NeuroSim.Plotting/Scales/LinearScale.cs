namespace NeuroSim.Plotting.Scales;

/// <summary>A linear axis with 1-2-5 ticks.</summary>
public sealed class LinearScale : IScale
{
    private readonly int tickTarget;

    public LinearScale(double min, double max, double pixelFrom, double pixelTo, int tickTarget = 5)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max) || !(max > min))
        {
            throw new ArgumentException($"linear scale needs finite min < max, got [{min}, {max}]");
        }

        Min = min;
        Max = max;
        PixelFrom = pixelFrom;
        PixelTo = pixelTo;
        this.tickTarget = Math.Max(1, tickTarget);
    }

    public double Min { get; }

    public double Max { get; }

    public double PixelFrom { get; }

    public double PixelTo { get; }

    public bool CanShow(double value) => double.IsFinite(value);

    public double ToPixel(double value) => PixelFrom + ((value - Min) / (Max - Min) * (PixelTo - PixelFrom));

    public IReadOnlyList<Tick> Ticks()
    {
        var step = NiceNumbers.Step(Max - Min, tickTarget);
        return [.. NiceNumbers.TicksIn(Min, Max, step).Select(v => new Tick(v, NiceNumbers.Format(v, step)))];
    }

    public IScale WithPixels(double pixelFrom, double pixelTo) => new LinearScale(Min, Max, pixelFrom, pixelTo, tickTarget);

    /// <summary>
    /// A range for data in [lo, hi]: widened to a nice step at both ends (so the data ends on or inside
    /// a tick), a constant or empty range opened to a visible interval around the value.
    /// </summary>
    public static (double Min, double Max) NiceRange(double lo, double hi, int tickTarget = 5)
    {
        if (!double.IsFinite(lo) || !double.IsFinite(hi))
        {
            return (0, 1);
        }

        if (hi - lo <= 1e-12 * Math.Max(Math.Abs(lo), Math.Abs(hi)) || hi == lo)
        {
            var half = lo == 0 ? 1 : Math.Abs(lo) * 0.5;
            lo -= half;
            hi += half;
        }

        var step = NiceNumbers.Step(hi - lo, tickTarget);
        var niceLo = Math.Floor((lo / step) + 1e-9) * step;
        var niceHi = Math.Ceiling((hi / step) - 1e-9) * step;
        return niceHi > niceLo ? (niceLo, niceHi) : (lo, hi);
    }
}

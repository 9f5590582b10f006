namespace NeuroSim.Plotting.Scales;

/// <summary>A base-10 logarithmic axis with ticks at decades (every k-th decade when there are many).</summary>
public sealed class LogScale : IScale
{
    private readonly double logMin;
    private readonly double logMax;

    public LogScale(double min, double max, double pixelFrom, double pixelTo)
    {
        if (!(min > 0) || !double.IsFinite(max) || !(max > min))
        {
            throw new ArgumentException($"log scale needs 0 < min < max, got [{min}, {max}]");
        }

        Min = min;
        Max = max;
        PixelFrom = pixelFrom;
        PixelTo = pixelTo;
        logMin = Math.Log10(min);
        logMax = Math.Log10(max);
    }

    public double Min { get; }

    public double Max { get; }

    public double PixelFrom { get; }

    public double PixelTo { get; }

    public bool CanShow(double value) => value > 0 && double.IsFinite(value);

    public double ToPixel(double value) => PixelFrom + ((Math.Log10(value) - logMin) / (logMax - logMin) * (PixelTo - PixelFrom));

    public IReadOnlyList<Tick> Ticks()
    {
        var first = (int)Math.Ceiling(logMin - 1e-9);
        var last = (int)Math.Floor(logMax + 1e-9);
        var decades = last - first + 1;
        var every = decades <= 8 ? 1 : decades <= 16 ? 2 : (int)Math.Ceiling(decades / 8.0);
        var ticks = new List<Tick>();
        for (var e = first; e <= last; e++)
        {
            if (e % every == 0)
            {
                ticks.Add(new Tick(Math.Pow(10, e), NiceNumbers.PowerOfTen(e)));
            }
        }

        return ticks;
    }

    /// <summary>Unlabelled minor ticks at 2..9 times each decade (only when few decades are shown).</summary>
    public IReadOnlyList<double> MinorTicks()
    {
        var minor = new List<double>();
        if (logMax - logMin > 6)
        {
            return minor;
        }

        for (var e = (int)Math.Floor(logMin); e <= (int)Math.Ceiling(logMax); e++)
        {
            for (var m = 2; m <= 9; m++)
            {
                var v = m * Math.Pow(10, e);
                if (v >= Min && v <= Max)
                {
                    minor.Add(v);
                }
            }
        }

        return minor;
    }

    public IScale WithPixels(double pixelFrom, double pixelTo) => new LogScale(Min, Max, pixelFrom, pixelTo);

    /// <summary>A range out to whole decades around positive data in [lo, hi].</summary>
    public static (double Min, double Max) NiceRange(double lo, double hi)
    {
        if (!(lo > 0) || !double.IsFinite(hi) || !(hi > 0))
        {
            return (0.1, 10);
        }

        var min = Math.Pow(10, Math.Floor(Math.Log10(lo) + 1e-9));
        var max = Math.Pow(10, Math.Ceiling(Math.Log10(hi) - 1e-9));
        return max > min ? (min, max) : (min / 10, max * 10);
    }
}

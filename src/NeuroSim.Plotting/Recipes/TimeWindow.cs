using NeuroSim.Plotting.Data;

namespace NeuroSim.Plotting.Recipes;

/// <summary>
/// The stretch of a sampled recording a figure shows, and its time unit. By default one contiguous
/// recorded stretch (the first); --from/--to choose any window, and recording gaps inside it are left
/// as gaps (lines break, the gap is shaded grey) rather than bridged.
/// </summary>
public sealed class TimeWindow
{
    /// <summary>Above this span (ms) the axis is labelled in seconds.</summary>
    public const double SecondsAboveMs = 10_000;

    private TimeWindow(double fromMs, double toMs, int first, int last, string description, IReadOnlyList<(double From, double To)> gaps)
    {
        FromMs = fromMs;
        ToMs = toMs;
        First = first;
        Last = last;
        Description = description;
        Gaps = gaps;
        InSeconds = toMs - fromMs > SecondsAboveMs;
    }

    public double FromMs { get; }

    public double ToMs { get; }

    /// <summary>Rows First..Last of the monitor lie in the window.</summary>
    public int First { get; }

    public int Last { get; }

    public string Description { get; }

    /// <summary>Unrecorded stretches inside the window (ms).</summary>
    public IReadOnlyList<(double From, double To)> Gaps { get; }

    public bool InSeconds { get; }

    public string AxisLabel => InSeconds ? "time (s)" : "time (ms)";

    public double Display(double ms) => InSeconds ? ms / 1000 : ms;

    public static TimeWindow Choose(IReadOnlyList<double> time, PlotOptions options)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(options);
        if (time.Count == 0)
        {
            return new TimeWindow(0, 1, 0, -1, "no samples", []);
        }

        var segments = TimeSegments.Find(time);
        double from, to;
        string description;
        if (options.FromMs is null && options.ToMs is null)
        {
            var k = options.Segment > 0 ? options.Segment - 1 : segments.Count + options.Segment;
            if (k < 0 || k >= segments.Count)
            {
                throw new ArgumentException($"--segment {options.Segment}: the recording has {segments.Count} contiguous stretch(es); use 1..{segments.Count} or -1..-{segments.Count}");
            }

            from = time[segments[k].First];
            to = time[segments[k].Last];
            description = segments.Count == 1 ? "whole recording" : $"recorded stretch {k + 1} of {segments.Count}";
        }
        else
        {
            from = options.FromMs ?? time[0];
            to = options.ToMs ?? time[^1];
            if (!(to > from))
            {
                throw new ArgumentException($"--from {Ms(from)} --to {Ms(to)}: the window is empty");
            }

            // A window reaching past the recording shows only what was recorded.
            from = Math.Max(from, time[0]);
            to = Math.Min(to, time[^1]);
            description = "chosen window";
        }

        var first = 0;
        while (first < time.Count && time[first] < from)
        {
            first++;
        }

        var last = time.Count - 1;
        while (last >= 0 && time[last] > to)
        {
            last--;
        }

        if (last < first)
        {
            throw new ArgumentException($"no samples between {Ms(from)} and {Ms(to)} ms; recorded: {Ms(time[0])} to {Ms(time[^1])} ms");
        }

        var gaps = new List<(double, double)>();
        var contiguous = TimeSegments.Contiguous(time);
        for (var k = first; k < last; k++)
        {
            if (!contiguous[k])
            {
                gaps.Add((time[k], time[k + 1]));
            }
        }

        if (to == from)
        {
            to = from + 1;
        }

        return new TimeWindow(from, to, first, last, description, gaps);
    }

    /// <summary>Time (display unit) and values of rows First..Last, with a NaN between samples across a gap.</summary>
    public (double[] X, double[] Y) Slice(IReadOnlyList<double> time, IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(values);
        var contiguous = TimeSegments.Contiguous(time);
        var xs = new List<double>();
        var ys = new List<double>();
        for (var k = First; k <= Last; k++)
        {
            xs.Add(Display(time[k]));
            ys.Add(values[k]);
            if (k < Last && !contiguous[k])
            {
                xs.Add(double.NaN);
                ys.Add(double.NaN);
            }
        }

        return ([.. xs], [.. ys]);
    }

    /// <summary>"0-16 s" for subtitles.</summary>
    public string Span() =>
        InSeconds
            ? string.Create(CultureInfo.InvariantCulture, $"t = {FromMs / 1000:0.###}-{ToMs / 1000:0.###} s")
            : string.Create(CultureInfo.InvariantCulture, $"t = {FromMs:0.###}-{ToMs:0.###} ms");

    private static string Ms(double ms) => ms.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>
    /// A per-neuron small-multiples figure over this window: a column of <paramref name="rows"/> panels per neuron
    /// (the figure widens with the neurons), all panels on one time axis, each row on one y range unless freed.
    /// </summary>
    public Figure NeuronFigure(int rows, int neuronCount, double height, string title) => new(rows, neuronCount)
    {
        Width = Math.Clamp(150 + (330 * neuronCount), 620, 1800),
        Height = height,
        ShareX = true,
        ShareYInRow = true,
        Title = title,
        Subtitle = $"{Span()} ({Description}); shading: protocol epochs from epochs.csv",
    };

    /// <summary>
    /// One panel of a per-neuron small-multiples figure over this window: neuron title on the top row, the
    /// window's time axis, few ticks, a zero line and the epoch <paramref name="shading"/> underneath.
    /// </summary>
    public Panel NeuronPanel(string? title, int neuronCount, string yLabel, IEnumerable<IPlotLayer> shading)
    {
        ArgumentNullException.ThrowIfNull(shading);
        var panel = new Panel { Title = title, ZeroLine = true, Legend = LegendPosition.None };
        panel.X.Label = AxisLabel;
        panel.X.Tight = true;
        panel.X.Min = Display(FromMs);
        panel.X.Max = Display(ToMs);
        panel.X.TickTarget = neuronCount > 3 ? 4 : 5;
        panel.Y.Label = yLabel;
        panel.Y.TickTarget = 3;
        foreach (var layer in shading)
        {
            panel.Add(layer);
        }

        return panel;
    }
}

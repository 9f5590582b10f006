namespace NeuroSim.Plotting.Data;

/// <summary>A contiguous stretch of samples, rows First..Last inclusive.</summary>
public readonly record struct Segment(int First, int Last)
{
    public int Count => Last - First + 1;
}

/// <summary>
/// Finds the contiguous stretches of a sampled time column. A step longer than 1.5 times the median
/// sampling step is a gap (the demo records only its first and last epoch).
/// </summary>
public static class TimeSegments
{
    /// <summary>Gap threshold as a multiple of the median sampling step (1.5: a missed sample already counts).</summary>
    public const double GapFactor = 1.5;

    public static IReadOnlyList<Segment> Find(IReadOnlyList<double> time)
    {
        ArgumentNullException.ThrowIfNull(time);
        if (time.Count == 0)
        {
            return [];
        }

        var limit = GapFactor * MedianStep(time);
        var segments = new List<Segment>();
        var first = 0;
        for (var k = 1; k < time.Count; k++)
        {
            if (time[k] - time[k - 1] > limit)
            {
                segments.Add(new Segment(first, k - 1));
                first = k;
            }
        }

        segments.Add(new Segment(first, time.Count - 1));
        return segments;
    }

    /// <summary>True when samples k and k+1 are neighbours (no gap between them).</summary>
    public static bool[] Contiguous(IReadOnlyList<double> time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var limit = GapFactor * MedianStep(time);
        var contiguous = new bool[Math.Max(0, time.Count - 1)];
        for (var k = 0; k + 1 < time.Count; k++)
        {
            var step = time[k + 1] - time[k];
            // A repeated time stamp (end of one epoch, start of the next) is not a gap.
            contiguous[k] = step >= 0 && step <= limit;
        }

        return contiguous;
    }

    public static double MedianStep(IReadOnlyList<double> time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var steps = new List<double>();
        for (var k = 1; k < time.Count; k++)
        {
            var step = time[k] - time[k - 1];
            if (step > 0)
            {
                steps.Add(step);
            }
        }

        if (steps.Count == 0)
        {
            return double.PositiveInfinity;
        }

        steps.Sort();
        return steps[steps.Count / 2];
    }
}

namespace NeuroSim.Cli;

/// <summary>
/// Plain progress lines at most once per <paramref name="every"/> of wall time, safe to call from parallel workers:
/// what batch and cluster logs want (nothing that redraws or wraps).
/// </summary>
internal sealed class ProgressLines(TextWriter output, TimeSpan every)
{
    private readonly Lock gate = new();
    private readonly Stopwatch watch = Stopwatch.StartNew();
    private TimeSpan last = TimeSpan.Zero;

    /// <summary>Wall time since the lines started.</summary>
    public TimeSpan Elapsed => watch.Elapsed;

    /// <summary>Writes <paramref name="line"/>(elapsed) when the interval has passed, or at once when <paramref name="force"/> is set.</summary>
    public void Write(Func<TimeSpan, string> line, bool force = false)
    {
        lock (gate)
        {
            var now = watch.Elapsed;
            if (!force && now - last < every)
            {
                return;
            }

            last = now;
            output.WriteLine(line(now));
        }
    }
}

using NeuroSim.Core.RunFolders;

namespace NeuroSim.Models.Protocols;

/// <summary>
/// Streams one monitor to monitors/&lt;name&gt;.csv: time_ms, then the columns the model's family planned for it
/// (<see cref="IExperimentModel.PlanMonitor"/>), sampled on absolute steps that are multiples of its period.
/// </summary>
public sealed class MonitorRecorder : IDisposable
{
    // Average characters per value written with shortest round-trip formatting ("-0.12345678901234567,").
    private const int BytesPerValue = 21;

    private readonly IMonitorSource source;
    private readonly double[] values;
    private CsvTableWriter? csv;

    private MonitorRecorder(MonitorSpec spec, IMonitorSource source, long periodSteps)
    {
        Name = spec.Name;
        PeriodSteps = periodSteps;
        this.source = source;
        if (source.Columns.Count == 0)
        {
            throw new ArgumentException("the monitor records nothing: give variables (and neurons or projections)");
        }

        Columns = ["time_ms", .. source.Columns];
        values = new double[source.Columns.Count];
    }

    public string Name { get; }

    public long PeriodSteps { get; }

    public IReadOnlyList<string> Columns { get; }

    /// <summary>Whether a sample needs the model's derived quantities brought up to date first.</summary>
    public bool NeedsObservables => source.NeedsObservables;

    public long Length => csv?.Length ?? 0;

    public void FlushToDisk() => csv?.FlushToDisk();

    /// <summary>Checks the spec against the model (through its family) without opening a file.</summary>
    public static MonitorRecorder Plan(MonitorSpec spec, IExperimentModel model, long periodSteps)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(model);
        return new MonitorRecorder(spec, model.PlanMonitor(spec), periodSteps);
    }

    /// <summary>Expected bytes for a run of <paramref name="totalSteps"/> base steps.</summary>
    public long EstimateBytes(long totalSteps) => ((totalSteps / PeriodSteps) + 1) * Columns.Count * (long)BytesPerValue;

    public void Open(string path) => csv = new CsvTableWriter(path, Columns);

    public void Resume(string path, long length) => csv = CsvTableWriter.Resume(path, length, Columns.Count);

    /// <summary>Writes one row; the model's observables must be current when <see cref="NeedsObservables"/>.</summary>
    public void Record(double timeMs)
    {
        var writer = csv ?? throw new InvalidOperationException($"monitor '{Name}' is not open");
        source.Read(values);
        writer.Write(timeMs).Write(values).EndRow();
    }

    public void Dispose() => csv?.Dispose();
}

using NeuroSim.Analysis.Sweeps;
using NeuroSim.Experiments.Sweeps;

namespace NeuroSim.Analysis.Predictions;

/// <summary>
/// A prediction's sweep file (protocols/predictions/*.sweep.yaml) run by the sweep machinery with the battery's seeds
/// (1..N) into the report's runs/ folder, as `neurosim sweep FILE --seeds N` would; its runs are then found through
/// sweep.csv, so the battery reads the same run folders a user's sweep of the same file writes.
/// </summary>
internal sealed class PredictionSweep
{
    private readonly Dictionary<(int Point, int Seed), string> folders;
    private readonly CsvTable table;

    private PredictionSweep(string file, string folder, CsvTable table, int points)
    {
        File = file;
        Folder = folder;
        this.table = table;
        Points = points;
        var (point, seed, run) = (table.Numbers("point"), table.Numbers("seed"), table.Strings("folder"));
        folders = Enumerable.Range(0, table.RowCount).ToDictionary(k => ((int)point[k], (int)seed[k]), k => Path.Combine(folder, run[k]));
    }

    /// <summary>The sweep file.</summary>
    public string File { get; }

    /// <summary>The sweep's folder (sweep.csv, summary.md, runs/).</summary>
    public string Folder { get; }

    public int Points { get; }

    /// <summary>Runs <paramref name="file"/> of the context's protocols folder into runs/<paramref name="folder"/> of its output folder; every run must complete.</summary>
    public static PredictionSweep Run(PredictionContext context, string file, string folder)
    {
        var path = context.Template(file);
        var spec = SweepFile.Load(path).WithSeeds(context.Seeds);
        var plan = new SweepPlan(spec);
        var output = Path.Combine(context.OutputFolder, "runs", folder);
        SweepRunner.Run(plan, new SweepOptions(output) { Workers = context.Workers, Report = new SweepFigures(context.Png) });
        var table = CsvTable.Read(Path.Combine(output, "sweep.csv"), "sweep.csv");
        var status = table.Strings("status");
        if (Enumerable.Range(0, table.RowCount).FirstOrDefault(k => status[k] != RunStatus.Complete, -1) is var bad and >= 0)
        {
            throw new InvalidOperationException($"{path}: run {table.Strings("folder")[bad]} is {status[bad]}: {table.Strings("error")[bad]}");
        }

        return new PredictionSweep(path, output, table, plan.Points);
    }

    /// <summary>The run folder of grid point <paramref name="point"/> with seed <paramref name="seed"/> (1..N).</summary>
    public string RunOf(int point, int seed) => folders[(point, seed)];

    /// <summary>A monitor of one run as columns by name: header -> values per row.</summary>
    public Dictionary<string, double[]> Monitor(int point, int seed, string name)
    {
        var monitor = RunData.Open(RunOf(point, seed)).Monitor(name);
        return monitor.Header.ToDictionary(column => column, monitor.Numbers, StringComparer.Ordinal);
    }

    /// <summary>The values of metric <paramref name="metric"/> (a sweep.csv column) of grid point <paramref name="point"/>, one per seed in seed order.</summary>
    public IReadOnlyList<double> Metric(int point, string metric)
    {
        var (points, seeds, values) = (table.Numbers("point"), table.Numbers("seed"), table.Numbers(metric));
        return [.. Enumerable.Range(0, table.RowCount).Where(k => points[k] == point).OrderBy(k => seeds[k]).Select(k => values[k])];
    }

    /// <summary>Per grid point, the value of sweep.csv's column <paramref name="column"/> (a parameter, e.g. "timescales.messenger (ms)").</summary>
    public IReadOnlyList<string> PointValues(string column)
    {
        var (point, values) = (table.Numbers("point"), table.Strings(column));
        return [.. Enumerable.Range(0, Points).Select(p => values[Array.IndexOf(point, (double)p)])];
    }

    /// <summary>
    /// Checks that the sweep's grid points are, in order, the conditions the prediction reports (<paramref name="expected"/>,
    /// as <paramref name="describe"/> reads them off a point); a copy of the file edited to vary other values runs with
    /// `neurosim sweep`, not as this prediction.
    /// </summary>
    public void Expect<T>(IReadOnlyList<T> expected, Func<int, T> describe)
    {
        var found = Enumerable.Range(0, Points).Select(describe).ToList();
        if (!found.SequenceEqual(expected))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{File}: the prediction reports the conditions {string.Join(", ", expected)}; the sweep's points are {string.Join(", ", found)} (to vary other values, run a copy with `neurosim sweep`)"));
        }
    }
}

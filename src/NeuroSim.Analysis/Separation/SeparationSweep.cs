using System.Text.Json;
using System.Text.Json.Serialization;
using NeuroSim.Core.RunFolders;

namespace NeuroSim.Analysis.Separation;

/// <summary>
/// Runs every point of a grid, two at a time on two cores. Each point's result is written to
/// points/&lt;key&gt;.json as soon as it is done (atomically), so an interrupted sweep resumes where it
/// stopped; a point depends only on the network, its seed and its own coordinates, so it is reproducible
/// alone and in any order.
/// </summary>
public sealed class SeparationSweep(ProbeNetwork network, SeparationGrid grid, string folder)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    public ProbeNetwork Network { get; } = network;

    public SeparationGrid Grid { get; } = grid;

    public string PointsFolder => Path.Combine(folder, "points");

    /// <summary>Runs the missing points (all when none exist yet) and returns every point's result in grid order.</summary>
    public IReadOnlyList<PointResult> Run(Action<int, int>? progress = null, int? maxParallelism = null)
    {
        Grid.Validate();
        Directory.CreateDirectory(PointsFolder);
        var points = Grid.Points();
        var pending = points.Where(p => !File.Exists(PathOf(p))).ToList();
        var done = points.Count - pending.Count;
        progress?.Invoke(done, points.Count);
        var probe = new PresentationProbe(Network);

        // Longest windows first, so that the two cores finish together.
        var ordered = pending.OrderByDescending(p => p.TimeConstants().Window).ToList();
        Parallel.ForEach(ordered, new ParallelOptions { MaxDegreeOfParallelism = maxParallelism ?? Environment.ProcessorCount }, point =>
        {
            Save(probe.Measure(point));
            progress?.Invoke(Interlocked.Increment(ref done), points.Count);
        });

        return [.. points.Select(Load)];
    }

    public string PathOf(SeparationPoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        return Path.Combine(PointsFolder, point.Key + ".json");
    }

    public PointResult Load(SeparationPoint point) =>
        JsonSerializer.Deserialize<PointResult>(File.ReadAllText(PathOf(point)), Json)
            ?? throw new InvalidDataException($"{PathOf(point)} is empty");

    private void Save(PointResult result)
    {
        AtomicFile.WriteAllText(PathOf(result.Point), JsonSerializer.Serialize(result, Json));
    }
}

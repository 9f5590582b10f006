using System.Globalization;
using NeuroSim.Core.RunFolders;

namespace NeuroSim.Cli.Demo;

/// <summary>The protocol timeline, epochs.csv: start_ms, end_ms, kind, label.</summary>
internal sealed class EpochRecorder(string path) : IDisposable
{
    private readonly CsvTableWriter csv = new(path, ["start_ms", "end_ms", "kind", "label"]);

    public void Presentation(double startMs, double endMs, double[] input, double[] target) =>
        csv.Write(startMs).Write(endMs).Write("present")
            .Write($"x=[{Format(input)}] y=[{Format(target)}]").EndRow();

    public void Dispose() => csv.Dispose();

    private static string Format(double[] values) => string.Join(" ", values.Select(v => v.ToString("G4", CultureInfo.InvariantCulture)));
}

using NeuroSim.Core.Monitoring;
using NeuroSim.Plotting.Rendering;

namespace NeuroSim.Analysis.Microcircuit.Continuous;

/// <summary>Small writers shared by the continuous-time experiments.</summary>
public static class ExperimentFiles
{
    /// <summary>Writes a CSV table (invariant culture, shortest round-trip doubles).</summary>
    public static void WriteTable(string path, IReadOnlyList<string> header, IEnumerable<double[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var writer = new CsvTableWriter(path, header);
        foreach (var row in rows)
        {
            writer.Write(row);
            writer.EndRow();
        }
    }

    /// <summary>Writes the figure as PNG and SVG (<paramref name="png"/> is ignored: both are always written; kept for callers).</summary>
    public static void WriteFigure(Figure figure, string path, bool png)
    {
        ArgumentNullException.ThrowIfNull(figure);
        _ = png;
        FigureFile.Write(figure, path);
    }

    /// <summary>"1.23e-4"-style short number for summaries.</summary>
    public static string Brief(double value) => value.ToString(Math.Abs(value) is >= 1e-3 and < 1e4 or 0 ? "0.####" : "0.###e0", CultureInfo.InvariantCulture);

    public static string Invariant(FormattableString text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.ToString(CultureInfo.InvariantCulture);
    }
}

using NeuroSim.Core.RunFolders;

namespace NeuroSim.Tests.Support;

/// <summary>CSV files of a run read for assertions, with the run-folder reader.</summary>
internal static class CsvFiles
{
    /// <summary>The header row and the other rows, cells as text (for assertions on exact, bit-identical output).</summary>
    public static (string[] Header, string[][] Rows) ReadCells(string path)
    {
        using var csv = CsvReader.Open(path, path);
        var header = csv.Read()?.Cells.ToArray() ?? [];
        var rows = new List<string[]>();
        while (csv.Read() is { } record)
        {
            rows.Add([.. record.Cells]);
        }

        return (header, [.. rows]);
    }

    /// <summary>The header row and the other rows as numbers.</summary>
    public static (string[] Header, double[][] Rows) ReadNumbers(string path)
    {
        var (header, rows) = ReadCells(path);
        return (header, [.. rows.Select(row => row.Select(cell => CsvReader.TryParseNumber(cell, out var value) ? value : throw new InvalidDataException($"{path}: '{cell}' is not a number")).ToArray())]);
    }

    /// <summary>A header-less matrix (weights/*.csv), rows of numbers.</summary>
    public static double[][] ReadMatrix(string path)
    {
        var (first, rows) = ReadNumbers(path);
        return [first.Select(cell => double.Parse(cell, System.Globalization.CultureInfo.InvariantCulture)).ToArray(), .. rows];
    }

    public static string[] ReadHeader(string path) => [.. CsvReader.ReadHeader(path)];
}

using System.Globalization;
using NeuroSim.Files.Yaml;

namespace NeuroSim.Files;

/// <summary>
/// Reads the plain CSV matrices of the run-folder format (docs/run-folder.md), the same files runs write.
/// Files are opened through <see cref="InputFiles"/>; every value must be a finite number; errors name the
/// CSV file, its line and column, and the model field that refers to it.
/// </summary>
public static class MatrixFiles
{
    /// <summary>Most characters a cell may take on average; bounds the file size accepted for a matrix of a given shape.</summary>
    private const long MaxBytesPerCell = 64;

    /// <summary>A rows x columns matrix without header, row-major (blank lines are skipped).</summary>
    public static double[] Read(string path, int rows, int columns, SpecNode referrer)
    {
        ArgumentNullException.ThrowIfNull(referrer);
        var maxBytes = Math.Min(InputFiles.MaxCsvBytes, (((long)rows * columns) + rows + 1) * MaxBytesPerCell);
        using var reader = InputFiles.OpenText(path, maxBytes, referrer.Error);
        var values = new double[(long)rows * columns];
        var row = 0;
        var lineNumber = 0;
        while (ReadLine(reader, path, referrer) is { } line)
        {
            lineNumber++;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            if (row == rows)
            {
                throw At(path, lineNumber, 1, referrer, $"more than {rows} rows; expected {rows} (one per postsynaptic neuron)");
            }

            var start = 0;
            for (var j = 0; j < columns; j++)
            {
                var end = line.IndexOf(',', start);
                if (end < 0 && j < columns - 1)
                {
                    throw At(path, lineNumber, line.Length + 1, referrer, $"{j + 1} values; expected {columns} (one per presynaptic neuron)");
                }

                var cell = end < 0 ? line[start..] : line[start..end];
                if (end >= 0 && j == columns - 1)
                {
                    throw At(path, lineNumber, end + 1, referrer, $"more than {columns} values; expected {columns} (one per presynaptic neuron)");
                }

                values[((long)row * columns) + j] = Number(cell, path, lineNumber, start + 1, referrer);
                start = end + 1;
            }

            row++;
        }

        return row == rows
            ? values
            : throw At(path, lineNumber + 1, 1, referrer, $"{row} rows; expected {rows} (one per postsynaptic neuron)");
    }

    /// <summary>
    /// biases.csv of a run folder ("group,index,bias", with or without that header line): one row per neuron of the
    /// listed groups, each exactly once; the values in neuron order.
    /// </summary>
    public static double[] ReadBiases(string path, IReadOnlyList<(string Name, int Size)> groups, SpecNode referrer)
    {
        ArgumentNullException.ThrowIfNull(referrer);
        ArgumentNullException.ThrowIfNull(groups);
        var offsets = new Dictionary<string, (int Offset, int Size)>(StringComparer.Ordinal);
        var total = 0L;
        foreach (var (name, size) in groups)
        {
            offsets[name] = ((int)total, size);
            total += size;
        }

        var maxBytes = Math.Min(InputFiles.MaxCsvBytes, (total + 2) * (MaxBytesPerCell + 256));
        using var reader = InputFiles.OpenText(path, maxBytes, referrer.Error);
        var biases = new double[total];
        var seen = new bool[total];
        var count = 0L;
        var lineNumber = 0;
        var first = true;
        while (ReadLine(reader, path, referrer) is { } line)
        {
            lineNumber++;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var cells = line.Split(',');
            if (first && cells.Length == 3 && !double.TryParse(cells[2], NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                // A header line ("group,index,bias"): its third cell is not a number.
                first = false;
                continue;
            }

            first = false;
            if (cells.Length != 3)
            {
                throw At(path, lineNumber, 1, referrer, $"{cells.Length} values; expected 3: group,index,bias");
            }

            if (!offsets.TryGetValue(cells[0], out var group))
            {
                throw At(path, lineNumber, 1, referrer, $"unknown group '{cells[0]}'; valid: {string.Join(", ", offsets.Keys)}");
            }

            var indexColumn = cells[0].Length + 2;
            if (!int.TryParse(cells[1], NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= group.Size)
            {
                throw At(path, lineNumber, indexColumn, referrer, $"index '{cells[1]}' is not a neuron of group '{cells[0]}' (0..{group.Size - 1})");
            }

            var neuron = group.Offset + index;
            if (seen[neuron])
            {
                throw At(path, lineNumber, indexColumn, referrer, $"{cells[0]},{index} is given twice");
            }

            seen[neuron] = true;
            count++;
            biases[neuron] = Number(cells[2], path, lineNumber, indexColumn + cells[1].Length + 1, referrer);
        }

        return count == total
            ? biases
            : throw At(path, Math.Max(1, lineNumber), 1, referrer, $"{count} biases given; expected {total}, one per neuron ({string.Join(", ", groups.Select(g => $"{g.Name}: {g.Size}"))})");
    }

    private static double Number(string cell, string path, int line, int column, SpecNode referrer) =>
        double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw At(path, line, column, referrer, $"'{(cell.Length > 40 ? cell[..40] + "..." : cell)}' is not a finite number");

    private static string? ReadLine(StreamReader reader, string path, SpecNode referrer)
    {
        try
        {
            return reader.ReadLine();
        }
        catch (IOException e)
        {
            throw referrer.Error($"cannot read '{path}': {e.Message}");
        }
    }

    /// <summary>An error in the CSV file itself, naming the model field that refers to it.</summary>
    private static SpecException At(string path, int line, int column, SpecNode referrer, string detail) =>
        new(path, line, column, referrer.Path, detail);
}

using NeuroSim.Core.RunFolders;
using NeuroSim.Files.Yaml;

namespace NeuroSim.Files;

/// <summary>
/// Reads the plain CSV matrices of the run-folder format (docs/run-folder.md), the same files runs write, with
/// <see cref="CsvReader"/>. Files are opened through <see cref="InputFiles"/>; every value must be a finite number;
/// errors name the CSV file, its line and column, and the model field that refers to it.
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
        using var csv = Open(path, maxBytes, referrer);
        var values = new double[(long)rows * columns];
        var row = 0;
        while (Next(csv, referrer) is { } record)
        {
            if (row == rows)
            {
                throw csv.Error(record.Line, 1, $"more than {rows} rows; expected {rows} (one per postsynaptic neuron)");
            }

            // Cells before the first misplaced comma are judged first, the order in which they are read.
            var judged = Math.Min(record.Count, columns) - 1;
            for (var j = 0; j < judged; j++)
            {
                values[((long)row * columns) + j] = Number(csv, record, j);
            }

            if (record.Count != columns)
            {
                throw record.Count < columns
                    ? csv.Error(record.Line, record.EndColumn, $"{record.Count} values; expected {columns} (one per presynaptic neuron)")
                    : csv.Error(record.Line, record.ColumnOf(columns) - 1, $"more than {columns} values; expected {columns} (one per presynaptic neuron)");
            }

            values[((long)row * columns) + columns - 1] = Number(csv, record, columns - 1);
            row++;
        }

        return row == rows
            ? values
            : throw csv.Error(csv.LinesRead + 1, 1, $"{row} rows; expected {rows} (one per postsynaptic neuron)");
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
        using var csv = Open(path, maxBytes, referrer);
        var biases = new double[total];
        var seen = new bool[total];
        var count = 0L;
        var first = true;
        while (Next(csv, referrer) is { } record)
        {
            if (first && record.Count == 3 && !CsvReader.TryParseNumber(record[2], out _))
            {
                // A header line ("group,index,bias"): its third cell is not a number.
                first = false;
                continue;
            }

            first = false;
            if (record.Count != 3)
            {
                throw csv.Error(record.Line, 1, $"{record.Count} values; expected 3: group,index,bias");
            }

            if (!offsets.TryGetValue(record[0], out var group))
            {
                throw csv.Error(record.Line, 1, $"unknown group '{record[0]}'; valid: {string.Join(", ", offsets.Keys)}");
            }

            if (!int.TryParse(record[1], NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= group.Size)
            {
                throw csv.Error(record.Line, record.ColumnOf(1), $"index '{record[1]}' is not a neuron of group '{record[0]}' (0..{group.Size - 1})");
            }

            var neuron = group.Offset + index;
            if (seen[neuron])
            {
                throw csv.Error(record.Line, record.ColumnOf(1), $"{record[0]},{index} is given twice");
            }

            seen[neuron] = true;
            count++;
            biases[neuron] = Number(csv, record, 2);
        }

        return count == total
            ? biases
            : throw csv.Error(Math.Max(1, csv.LinesRead), 1, $"{count} biases given; expected {total}, one per neuron ({string.Join(", ", groups.Select(g => $"{g.Name}: {g.Size}"))})");
    }

    /// <summary>Errors in the CSV file itself name the model field that refers to it.</summary>
    private static CsvReader Open(string path, long maxBytes, SpecNode referrer) =>
        new(InputFiles.OpenText(path, maxBytes, referrer.Error), path, (line, column, detail) => new SpecException(path, line, column, referrer.Path, detail));

    private static double Number(CsvReader csv, CsvRecord record, int index)
    {
        var cell = record[index];
        return CsvReader.TryParseNumber(cell, out var value) && double.IsFinite(value)
            ? value
            : throw csv.Error(record.Line, record.ColumnOf(index), $"'{(cell.Length > 40 ? cell[..40] + "..." : cell)}' is not a finite number");
    }

    private static CsvRecord? Next(CsvReader csv, SpecNode referrer)
    {
        try
        {
            return csv.Read();
        }
        catch (IOException e)
        {
            throw referrer.Error($"cannot read '{csv.Name}': {e.Message}");
        }
    }
}

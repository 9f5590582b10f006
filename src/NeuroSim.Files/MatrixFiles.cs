using System.Globalization;
using NeuroSim.Files.Yaml;

namespace NeuroSim.Files;

/// <summary>Reads the plain CSV matrices of the run-folder format (docs/run-folder.md), the same files runs write.</summary>
public static class MatrixFiles
{
    /// <summary>A rows x columns matrix without header, row-major; errors name the file, line and column.</summary>
    public static double[] Read(string path, int rows, int columns, SpecNode referrer)
    {
        ArgumentNullException.ThrowIfNull(referrer);
        if (!File.Exists(path))
        {
            throw referrer.Error($"file '{path}' not found");
        }

        var lines = File.ReadAllLines(path).Where(l => l.Trim().Length > 0).ToArray();
        if (lines.Length != rows)
        {
            throw referrer.Error($"'{path}' has {lines.Length} rows; expected {rows} (one per postsynaptic neuron)");
        }

        var values = new double[rows * columns];
        for (var i = 0; i < rows; i++)
        {
            var cells = lines[i].Split(',');
            if (cells.Length != columns)
            {
                throw referrer.Error($"'{path}' line {i + 1} has {cells.Length} values; expected {columns} (one per presynaptic neuron)");
            }

            for (var j = 0; j < columns; j++)
            {
                if (!double.TryParse(cells[j], NumberStyles.Float, CultureInfo.InvariantCulture, out values[(i * columns) + j]) || !double.IsFinite(values[(i * columns) + j]))
                {
                    throw referrer.Error($"'{path}' line {i + 1}, column {j + 1}: '{cells[j]}' is not a finite number");
                }
            }
        }

        return values;
    }

    /// <summary>biases.csv of a run folder ("group,index,bias"): the values of the listed groups, in neuron order.</summary>
    public static double[] ReadBiases(string path, IReadOnlyList<(string Name, int Size)> groups, SpecNode referrer)
    {
        ArgumentNullException.ThrowIfNull(referrer);
        ArgumentNullException.ThrowIfNull(groups);
        if (!File.Exists(path))
        {
            throw referrer.Error($"file '{path}' not found");
        }

        var offsets = new Dictionary<string, (int Offset, int Size)>();
        var total = 0;
        foreach (var (name, size) in groups)
        {
            offsets[name] = (total, size);
            total += size;
        }

        var biases = new double[total];
        var lines = File.ReadAllLines(path);
        for (var k = 1; k < lines.Length; k++)
        {
            if (lines[k].Trim().Length == 0)
            {
                continue;
            }

            var cells = lines[k].Split(',');
            if (cells.Length != 3 || !offsets.TryGetValue(cells[0], out var group)
                || !int.TryParse(cells[1], NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= group.Size
                || !double.TryParse(cells[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var bias))
            {
                throw referrer.Error($"'{path}' line {k + 1}: expected 'group,index,bias' with a known group and index in range");
            }

            biases[group.Offset + index] = bias;
        }

        return biases;
    }
}

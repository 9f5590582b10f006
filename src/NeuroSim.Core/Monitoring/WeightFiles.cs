using System.Globalization;
using System.Text;
using NeuroSim.Core.Connectivity;

namespace NeuroSim.Core.Monitoring;

/// <summary>Writes final weights and biases in the run-folder format, which is also the format model files accept.</summary>
public static class WeightFiles
{
    /// <summary>weights/&lt;pre&gt;-&lt;post&gt;.csv per projection (and mask/... where a mask exists), and biases.csv.</summary>
    public static void Write(string folder, Network network, ReadOnlySpan<double> weights, ReadOnlySpan<double> biases)
    {
        ArgumentNullException.ThrowIfNull(network);
        Directory.CreateDirectory(Path.Combine(folder, "weights"));
        foreach (var p in network.Projections)
        {
            var matrix = new double[p.Post.Size * p.Pre.Size];
            var present = new bool[matrix.Length];
            var slice = weights[p.SlotRange].ToArray();
            p.ForEachSynapse((slot, i, j) =>
            {
                matrix[(i * p.Pre.Size) + j] = slice[slot];
                present[(i * p.Pre.Size) + j] = true;
            });
            var stem = ColumnNames.ProjectionFile(p);
            WriteMatrix(Path.Combine(folder, "weights", $"{stem}.csv"), p.Post.Size, p.Pre.Size, k => matrix[k].ToString("R", CultureInfo.InvariantCulture));
            if (p.ConnectionCount < matrix.Length)
            {
                Directory.CreateDirectory(Path.Combine(folder, "mask"));
                WriteMatrix(Path.Combine(folder, "mask", $"{stem}.csv"), p.Post.Size, p.Pre.Size, k => present[k] ? "1" : "0");
            }
        }

        using var csv = new CsvTableWriter(Path.Combine(folder, "biases.csv"), ["group", "index", "bias"]);
        foreach (var g in network.Groups)
        {
            for (var i = 0; i < g.Size; i++)
            {
                csv.Write(g.Name).Write(i).Write(biases[g.Offset + i]).EndRow();
            }
        }
    }

    private static void WriteMatrix(string path, int rows, int columns, Func<int, string> cell)
    {
        var text = new StringBuilder();
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < columns; j++)
            {
                text.Append(j == 0 ? string.Empty : ",").Append(cell((i * columns) + j));
            }

            text.Append('\n');
        }

        File.WriteAllText(path, text.ToString());
    }
}

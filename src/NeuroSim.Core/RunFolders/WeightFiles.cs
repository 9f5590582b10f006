using NeuroSim.Core.Connectivity;

namespace NeuroSim.Core.RunFolders;

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
            var stem = ColumnNames.ProjectionFile(p);
            WriteMatrix(Path.Combine(folder, "weights", $"{stem}.csv"), p, weights[p.SlotRange], mask: false);
            if (p.ConnectionCount < (long)p.Post.Size * p.Pre.Size)
            {
                Directory.CreateDirectory(Path.Combine(folder, "mask"));
                WriteMatrix(Path.Combine(folder, "mask", $"{stem}.csv"), p, weights[p.SlotRange], mask: true);
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

    /// <summary>
    /// Streams a projection's matrix (rows post, columns pre; absent synapses as 0), or its mask (1 where a synapse
    /// exists), row by row, so that a large network never needs its whole text or a dense copy in memory.
    /// </summary>
    private static void WriteMatrix(string path, Projection p, ReadOnlySpan<double> slice, bool mask)
    {
        using var csv = CsvTableWriter.Matrix(path, p.Pre.Size);
        for (var i = 0; i < p.Post.Size; i++)
        {
            for (var j = 0; j < p.Pre.Size; j++)
            {
                var slot = p.SlotOf(i, j);
                if (mask)
                {
                    csv.Write(slot >= 0 ? 1L : 0L);
                }
                else
                {
                    csv.Write(slot >= 0 ? slice[slot] : 0.0);
                }
            }

            csv.EndRow();
        }
    }

    /// <summary>A dense rows x columns matrix (row-major <paramref name="values"/>, rows post, columns pre) in the same format.</summary>
    public static void WriteMatrix(string path, int rows, int columns, ReadOnlySpan<double> values)
    {
        if (values.Length != rows * columns)
        {
            throw new ArgumentException($"{values.Length} values do not make a {rows} x {columns} matrix");
        }

        using var csv = CsvTableWriter.Matrix(path, columns);
        for (var i = 0; i < rows; i++)
        {
            csv.Write(values.Slice(i * columns, columns)).EndRow();
        }
    }
}

namespace NeuroSim.Core.RunFolders;

/// <summary>
/// Read access to a run folder (docs/run-folder.md): monitors, epochs, final weight matrices and loss
/// curves, each read when first asked for. A missing folder or file is bad input (ArgumentException).
/// </summary>
public sealed class RunData
{
    private readonly Dictionary<string, CsvTable> monitors = new(StringComparer.Ordinal);
    private IReadOnlyList<Epoch>? epochs;

    private RunData(string path, string? name)
    {
        FolderPath = path;
        Name = name ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(path));
    }

    public string FolderPath { get; }

    /// <summary>The folder's own name ("demo"), used in titles and legends.</summary>
    public string Name { get; }

    public static RunData Open(string path) => Open(path, null);

    /// <summary>Opens a run folder under another display name (a folder still being written under a temporary name).</summary>
    public static RunData Open(string path, string? name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        if (!Directory.Exists(full))
        {
            throw new ArgumentException($"run folder '{path}' not found");
        }

        return new RunData(full, name);
    }

    /// <summary>Names of the monitor files ("traces", "weights"), sorted.</summary>
    public IReadOnlyList<string> MonitorNames()
    {
        var folder = Path.Combine(FolderPath, "monitors");
        return Directory.Exists(folder)
            ? [.. Directory.GetFiles(folder, "*.csv").Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal)]
            : [];
    }

    public CsvTable Monitor(string name)
    {
        if (!monitors.TryGetValue(name, out var table))
        {
            var path = Path.Combine(FolderPath, "monitors", name + ".csv");
            if (!File.Exists(path))
            {
                throw new ArgumentException($"run folder '{Name}' has no monitors/{name}.csv");
            }

            table = CsvTable.Read(path, $"monitors/{name}.csv");
            if (!table.Has("time_ms"))
            {
                throw new InvalidDataException($"monitors/{name}.csv has no time_ms column");
            }

            monitors[name] = table;
        }

        return table;
    }

    /// <summary>The monitors whose header has a column that satisfies <paramref name="predicate"/>.</summary>
    public IEnumerable<CsvTable> MonitorsWith(Func<string, bool> predicate)
    {
        foreach (var name in MonitorNames())
        {
            // Read only the header first: the big trace file is parsed only when it is wanted.
            if (CsvReader.ReadHeader(Path.Combine(FolderPath, "monitors", name + ".csv")).Any(predicate))
            {
                yield return Monitor(name);
            }
        }
    }

    /// <summary>Rows of epochs.csv; empty when the run has no timeline.</summary>
    public IReadOnlyList<Epoch> Epochs()
    {
        if (epochs is null)
        {
            var path = Path.Combine(FolderPath, "epochs.csv");
            if (!File.Exists(path))
            {
                epochs = [];
            }
            else
            {
                var table = CsvTable.Read(path, "epochs.csv");
                var start = table.Numbers("start_ms");
                var end = table.Numbers("end_ms");
                var kind = table.Has("kind") ? table.Strings("kind") : Enumerable.Repeat(string.Empty, table.RowCount).ToList();
                var label = table.Has("label") ? table.Strings("label") : Enumerable.Repeat(string.Empty, table.RowCount).ToList();
                epochs = [.. Enumerable.Range(0, table.RowCount).Select(k => new Epoch(start[k], end[k], kind[k], label[k]))];
            }
        }

        return epochs;
    }

    /// <summary>Final weight matrices by projection file stem ("L0-L1"), rows = postsynaptic neurons.</summary>
    public IReadOnlyList<(string Projection, double[][] Matrix)> WeightMatrices()
    {
        var folder = Path.Combine(FolderPath, "weights");
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var result = new List<(string, double[][])>();
        foreach (var file in Directory.GetFiles(folder, "*.csv").Order(StringComparer.Ordinal))
        {
            var stem = Path.GetFileNameWithoutExtension(file);
            result.Add((stem, ReadMatrix(file, $"weights/{stem}.csv")));
        }

        return result;
    }

    /// <summary>
    /// The whole network's final weights as one n x n matrix (row-major, rows postsynaptic), each projection's
    /// weights/pre-post.csv in its block; pairs no projection joins, and absent synapses, are 0. Neurons are in the
    /// order of biases.csv (groups in model order) when the run has one, else groups in the order their weight files
    /// name them, sized by those files.
    /// </summary>
    public (double[] Matrix, int NeuronCount) NetworkWeights()
    {
        var blocks = WeightMatrices().Select(m => (Ends: m.Projection.Split('-', 2), m.Projection, m.Matrix)).Where(m => m.Ends.Length == 2).ToList();
        if (blocks.Count == 0)
        {
            throw new ArgumentException($"run folder '{Name}' has no weights/pre-post.csv");
        }

        var sizes = new Dictionary<string, int>(StringComparer.Ordinal);
        var order = new List<string>();
        var biases = Path.Combine(FolderPath, "biases.csv");
        if (File.Exists(biases))
        {
            foreach (var group in CsvTable.Read(biases, $"{Name}/biases.csv").Strings("group"))
            {
                order.AddRange(sizes.TryAdd(group, 0) ? [group] : []);
                sizes[group]++;
            }
        }
        else
        {
            foreach (var (ends, _, matrix) in blocks)
            {
                foreach (var (group, size) in new[] { (ends[0], matrix.Length == 0 ? 0 : matrix[0].Length), (ends[1], matrix.Length) })
                {
                    order.AddRange(sizes.TryAdd(group, size) ? [group] : []);
                }
            }
        }

        var offsets = new Dictionary<string, int>(StringComparer.Ordinal);
        var n = 0;
        foreach (var group in order)
        {
            offsets[group] = n;
            n += sizes[group];
        }

        var dense = new double[(long)n * n];
        foreach (var (ends, stem, block) in blocks)
        {
            var (pre, post) = (ends[0], ends[1]);
            if (!sizes.TryGetValue(pre, out var preSize) || !sizes.TryGetValue(post, out var postSize) || block.Length != postSize || block.Any(row => row.Length != preSize))
            {
                throw new InvalidDataException($"{Name}/weights/{stem}.csv is not a {(sizes.TryGetValue(post, out var r) ? r : 0)} x {(sizes.TryGetValue(pre, out var c) ? c : 0)} matrix of groups {post} and {pre}");
            }

            for (var i = 0; i < postSize; i++)
            {
                block[i].CopyTo(dense, ((offsets[post] + i) * (long)n) + offsets[pre]);
            }
        }

        return (dense, n);
    }

    /// <summary>mask/&lt;stem&gt;.csv of a projection (1 where a synapse exists), or null when the projection is dense.</summary>
    public double[][]? Mask(string projection)
    {
        var path = Path.Combine(FolderPath, "mask", projection + ".csv");
        return File.Exists(path) ? ReadMatrix(path, $"mask/{projection}.csv") : null;
    }

    public CsvTable Loss()
    {
        var path = Path.Combine(FolderPath, "loss.csv");
        if (!File.Exists(path))
        {
            throw new ArgumentException($"run folder '{Name}' has no loss.csv");
        }

        var table = CsvTable.Read(path, $"{Name}/loss.csv");
        if (!table.Has("epoch"))
        {
            throw new InvalidDataException($"{Name}/loss.csv has no epoch column");
        }

        return table;
    }

    private static double[][] ReadMatrix(string path, string name)
    {
        using var csv = CsvReader.Open(path, name);
        var rows = new List<double[]>();
        while (csv.Read() is { } record)
        {
            var row = new double[record.Count];
            for (var j = 0; j < row.Length; j++)
            {
                if (!CsvReader.TryParseNumber(record[j], out row[j]))
                {
                    throw csv.Error(record.Line, record.ColumnOf(j), $"'{record[j]}' is not a number");
                }
            }

            rows.Add(row);
        }

        return [.. rows];
    }
}

namespace NeuroSim.Plotting.Recipes;

/// <summary>
/// A display order of neurons for weight heatmaps (community detection writes one; any permutation
/// will do). File: CSV rows `group,index[,community]` in the wanted order, an optional header row.
/// Neurons of a group that the file does not list follow in their natural order; a change of
/// community between neighbours draws a boundary line.
/// </summary>
public sealed class NeuronOrder
{
    private readonly Dictionary<string, List<(int Index, string? Community)>> groups = new(StringComparer.Ordinal);

    public static NeuronOrder Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new ArgumentException($"order file '{path}' not found");
        }

        var order = new NeuronOrder();
        using var csv = new CsvReader(new StreamReader(path), Path.GetFileName(path), (line, column, detail) => new FormatException($"order file {path}:{line}:{column}: {detail}"));
        while (csv.Read() is { } cells)
        {
            if (cells.Line == 1 && cells[0].Trim() == "group")
            {
                continue;
            }

            if (cells.Count < 2 || !int.TryParse(cells[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var index) || index < 0)
            {
                throw csv.Error(cells.Line, cells.Count < 2 ? cells.EndColumn : cells.ColumnOf(1), $"expected group,index[,community], got '{string.Join(",", cells.Cells)}'");
            }

            var group = cells[0].Trim();
            if (!order.groups.TryGetValue(group, out var list))
            {
                order.groups[group] = list = [];
            }

            list.Add((index, cells.Count > 2 ? cells[2].Trim() : null));
        }

        return order;
    }

    /// <summary>Display order of the <paramref name="count"/> neurons of a group, and where communities change.</summary>
    public (int[] Order, IReadOnlyList<int> Boundaries) Permutation(string group, int count)
    {
        if (!groups.TryGetValue(group, out var listed))
        {
            return (Enumerable.Range(0, count).ToArray(), []);
        }

        var seen = new HashSet<int>();
        var order = new List<int>();
        var communities = new List<string?>();
        foreach (var (index, community) in listed)
        {
            if (index < count && seen.Add(index))
            {
                order.Add(index);
                communities.Add(community);
            }
        }

        foreach (var index in Enumerable.Range(0, count).Where(i => !seen.Contains(i)))
        {
            order.Add(index);
            communities.Add(null);
        }

        var boundaries = Enumerable.Range(1, Math.Max(0, order.Count - 1)).Where(k => communities[k] != communities[k - 1]).ToList();
        return ([.. order], boundaries);
    }
}

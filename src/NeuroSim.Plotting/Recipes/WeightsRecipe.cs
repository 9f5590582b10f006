namespace NeuroSim.Plotting.Recipes;

/// <summary>
/// `--kind weights`: the final weight matrix of every projection as a heatmap on one diverging colour
/// scale centred on 0 (optionally with neurons reordered by a community order file), panels ordered along
/// the network (from the input groups onwards), absent synapses (mask/*.csv) grey rather than 0; the
/// trajectory of every recorded weight over time, and each weight's final value against its first.
/// </summary>
public sealed class WeightsRecipe : SingleRunRecipe
{
    /// <summary>Heatmap axes with more neurons than this label every k-th index only.</summary>
    public const int MaxIndexLabels = 16;

    public override string Kind => "weights";

    public override string Description => "final weight matrices as heatmaps (optional --order), weight trajectories over time, start vs end";

    protected override Figure Build(RunData run, PlotOptions options)
    {
        var order = options.OrderFile is null ? null : NeuronOrder.Read(options.OrderFile);
        var matrices = AlongTheNetwork(run.WeightMatrices().Select(m => (m.Projection, WithoutAbsent(m.Matrix, run.Mask(m.Projection)))).ToList());
        var monitor = run.MonitorsWith(c => ColumnNames.TrySynapse(c, out var s) && UpdatesRecipe.WeightVariables.Contains(s.Variable)).FirstOrDefault();
        if (matrices.Count == 0 && monitor is null)
        {
            throw new ArgumentException($"run folder '{run.Name}' has neither weights/*.csv nor W[...] columns in monitors/");
        }

        var columns = Math.Max(1, matrices.Count);
        var figure = new Figure(2, Math.Max(2, columns))
        {
            Width = Math.Max(900, 120 + (300 * columns)),
            Height = 760,
            Title = $"Weights: {run.Name}",
            Subtitle = order is null ? "final weight matrices (rows: postsynaptic, columns: presynaptic) and recorded trajectories" : $"final weight matrices, neurons reordered by {Path.GetFileName(options.OrderFile)}; recorded trajectories",
            Footnote = $"source: weights/*.csv{(monitor is null ? string.Empty : ", " + monitor.Name)}. Colour scale: Tol BuRd, centred on 0 (blue inhibitory, red excitatory).",
            RowWeights = [1.1, 1],
        };
        if (matrices.Count > 0)
        {
            var maxAbs = matrices.SelectMany(m => m.Matrix.SelectMany(r => r)).Where(double.IsFinite).Select(Math.Abs).DefaultIfEmpty(1).Max();
            var map = ColorMap.Diverging(maxAbs);
            figure.ColumnWeights = figure.Columns == matrices.Count
                ? [.. matrices.Select((m, k) => Math.Max(2.0, m.Matrix.Length == 0 ? 1 : m.Matrix[0].Length) + (k == matrices.Count - 1 ? 3 : 0))]
                : null;
            for (var k = 0; k < matrices.Count; k++)
            {
                var (projection, matrix) = matrices[k];
                figure.Add(0, k, HeatmapPanel(projection, matrix, map, order, showColorBar: k == matrices.Count - 1));
            }
        }

        var trajectories = new Panel { Title = "weight trajectories", Legend = LegendPosition.TopRight, ZeroLine = true };
        var scatter = new Panel { Title = "end vs start", Legend = LegendPosition.TopLeft, ZeroLine = true };
        if (monitor is null)
        {
            trajectories.EmptyMessage = "no W[...] columns in monitors/";
            scatter.EmptyMessage = "no W[...] columns in monitors/";
        }
        else
        {
            AddTrajectories(trajectories, scatter, monitor);
        }

        figure.ColumnWeightsOfRow[1] = [.. Enumerable.Range(0, figure.Columns).Select(k => k == figure.Columns - 1 ? 1.0 : 1.6 / (figure.Columns - 1))];
        figure.Add(1, 0, trajectories, figure.Columns - 1);
        figure.Add(1, figure.Columns - 1, scatter);
        return figure;
    }

    private static Panel HeatmapPanel(string projection, double[][] matrix, ColorMap map, NeuronOrder? order, bool showColorBar)
    {
        var parts = projection.Split('-', 2);
        var (pre, post) = parts.Length == 2 ? (parts[0], parts[1]) : ("pre", "post");
        var rows = matrix.Length;
        var cols = rows == 0 ? 0 : matrix.Max(r => r.Length);
        var rowOrder = order?.Permutation(post, rows) ?? (Enumerable.Range(0, rows).ToArray(), []);
        var colOrder = order?.Permutation(pre, cols) ?? (Enumerable.Range(0, cols).ToArray(), []);
        var values = rowOrder.Order.Select(r => colOrder.Order.Select(c => c < matrix[r].Length ? matrix[r][c] : double.NaN).ToArray()).ToArray();
        var panel = new Panel
        {
            Title = $"{pre} → {post}",
            Legend = LegendPosition.None,
            KeepAspect = true,
            ColorBar = showColorBar ? new ColorBar(map, "weight w") : null,
        };
        panel.Add(new Heatmap(values, map) { RowSeparators = rowOrder.Boundaries, ColumnSeparators = colOrder.Boundaries });
        panel.X.Label = $"presynaptic {pre} neuron";
        panel.Y.Label = $"postsynaptic {post}";
        panel.Y.Inverted = true;
        panel.X.Grid = false;
        panel.Y.Grid = false;
        panel.X.Min = 0;
        panel.X.Max = Math.Max(1, cols);
        panel.Y.Min = 0;
        panel.Y.Max = Math.Max(1, rows);
        panel.X.Ticks = IndexTicks(colOrder.Order);
        panel.Y.Ticks = IndexTicks(rowOrder.Order);
        return panel;
    }

    /// <summary>The matrix with NaN (drawn grey, "absent") where the mask says no synapse exists.</summary>
    internal static double[][] WithoutAbsent(double[][] matrix, double[][]? mask) =>
        mask is null ? matrix : [.. matrix.Select((row, r) => row.Select((w, c) => r < mask.Length && c < mask[r].Length && mask[r][c] == 0 ? double.NaN : w).ToArray())];

    /// <summary>
    /// Projections ("pre-post" file stems) in the order signals travel: groups ranked by their distance from the
    /// groups no projection feeds (the inputs), then by the rank of pre and post; ties by name.
    /// </summary>
    internal static List<(string Projection, double[][] Matrix)> AlongTheNetwork(List<(string Projection, double[][] Matrix)> matrices)
    {
        var edges = matrices.Select(m => m.Projection.Split('-', 2)).Where(p => p.Length == 2).Select(p => (Pre: p[0], Post: p[1])).ToList();
        var groups = edges.SelectMany(e => new[] { e.Pre, e.Post }).Distinct().ToList();
        var rank = groups.Where(g => !edges.Any(e => e.Post == g && e.Pre != g)).ToDictionary(g => g, _ => 0);
        for (var frontier = rank.Keys.ToList(); frontier.Count > 0;)
        {
            var next = edges.Where(e => frontier.Contains(e.Pre) && !rank.ContainsKey(e.Post)).Select(e => e.Post).Distinct().ToList();
            foreach (var g in next)
            {
                rank[g] = rank[frontier[0]] + 1;
            }

            frontier = next;
        }

        int Rank(string projection, int part)
        {
            var parts = projection.Split('-', 2);
            return parts.Length == 2 && rank.TryGetValue(parts[part], out var r) ? r : int.MaxValue;
        }

        return [.. matrices.OrderBy(m => Rank(m.Projection, 0)).ThenBy(m => Rank(m.Projection, 1)).ThenBy(m => m.Projection, StringComparer.Ordinal)];
    }

    /// <summary>Ticks at cell centres labelled with the neuron index shown there.</summary>
    private static List<Tick> IndexTicks(int[] order)
    {
        var every = order.Length <= MaxIndexLabels ? 1 : (int)Math.Ceiling(order.Length / (double)MaxIndexLabels);
        return [.. order.Select((neuron, position) => (neuron, position)).Where(p => p.position % every == 0).Select(p => new Tick(p.position + 0.5, p.neuron.ToString(CultureInfo.InvariantCulture)))];
    }

    private static void AddTrajectories(Panel trajectories, Panel scatter, CsvTable monitor)
    {
        var time = monitor.Numbers("time_ms");
        var inSeconds = time.Length > 0 && time[^1] - time[0] > TimeWindow.SecondsAboveMs;
        var t = time.Select(v => inSeconds ? v / 1000 : v).ToArray();
        trajectories.X.Label = inSeconds ? "time (s)" : "time (ms)";
        trajectories.X.Tight = true;
        trajectories.Y.Label = "weight w";
        scatter.X.Label = "first recorded w";
        scatter.Y.Label = "last recorded w";
        var synapses = monitor.Header.Select(h => (Column: h, Ok: ColumnNames.TrySynapse(h, out var s), Synapse: s)).Where(p => p.Ok && UpdatesRecipe.WeightVariables.Contains(p.Synapse.Variable)).ToList();
        var projections = synapses.Select(s => s.Synapse.Projection).Distinct().ToList();
        foreach (var (column, _, synapse) in synapses)
        {
            var p = projections.IndexOf(synapse.Projection);
            var color = Palette.SeriesColor(p);
            var firstOfProjection = synapses.First(s => s.Synapse.Projection == synapse.Projection).Column == column;
            var label = synapse.Projection.Replace("->", " → ", StringComparison.Ordinal);
            var values = monitor.Numbers(column);
            trajectories.Add(new LineSeries(firstOfProjection ? label : null, t, values, color, 1.1));
            if (values.Length > 0)
            {
                scatter.Add(new ScatterSeries(firstOfProjection ? label : null, [values[0]], [values[^1]], color));
            }
        }

        scatter.Add(new IdentityLine("no change"));
        if (synapses.Count == 0 || time.Length == 0)
        {
            trajectories.EmptyMessage = "no recorded weights";
        }
    }
}

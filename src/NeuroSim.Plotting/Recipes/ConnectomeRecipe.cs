using NeuroSim.Core.Communities;

namespace NeuroSim.Plotting.Recipes;

/// <summary>
/// `--kind connectome`: each run's whole-network final weight matrix with its neurons reordered by Leiden communities
/// (on the symmetrised |W|, seeded with the run's seed, as the sweep metrics), community boundaries drawn, and the
/// modularity Q, community count, within/between ratio and across-module fraction in the panel title: the paper's
/// Fig. 4 panels. Several runs (e.g. a low and a high learning rate) sit side by side on one colour scale.
/// </summary>
public sealed class ConnectomeRecipe : IFigureRecipe
{
    public string Kind => "connectome";

    public string Description => "whole-network weights reordered by Leiden communities, with Q and the across-module fraction (one panel per run)";

    public bool AcceptsSeveralRuns => true;

    public Figure Build(IReadOnlyList<RunData> runs, PlotOptions options)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var networks = runs.Select(run =>
        {
            var (weights, n) = run.NetworkWeights();
            var manifest = Path.Combine(run.FolderPath, "manifest.json");
            var seed = File.Exists(manifest) ? RunManifest.ReadSeed(manifest) ?? 1 : 1;
            return (Run: run, Weights: weights, Neurons: n, Structure: ConnectomeStructure.Of(weights, n, seed));
        }).ToList();
        var maxAbs = networks.SelectMany(r => r.Weights).Where(double.IsFinite).Select(Math.Abs).DefaultIfEmpty(1).Max();
        var map = ColorMap.Diverging(maxAbs > 0 ? maxAbs : 1);
        var figure = new Figure(1, networks.Count)
        {
            // The last column also holds the colour bar: wider by about its room, so every heatmap gets the same
            // square data area instead of square units stretching the narrower one's axis.
            Width = 80 + (560 * networks.Count) + 90,
            Height = 600,
            ColumnWeights = [.. networks.Select((_, k) => k == networks.Count - 1 ? 1.2 : 1.0)],
            Title = "Weights reordered by Leiden communities",
            Subtitle = "rows: postsynaptic, columns: presynaptic; lines: community boundaries; Leiden (modularity, resolution 1) on (|W| + |W^T|)/2",
        };
        for (var k = 0; k < networks.Count; k++)
        {
            var (run, weights, n, structure) = networks[k];
            var order = ModuleStructure.NodeOrder(structure.Communities.Membership);
            var reordered = ModuleStructure.Reorder(weights, n, order);
            var rows = Enumerable.Range(0, n).Select(i => reordered.AsSpan(i * n, n).ToArray()).ToArray();
            var sizes = Enumerable.Range(0, structure.CommunityCount).Select(c => structure.Communities.Membership.Count(m => m == c)).ToArray();
            var boundaries = sizes.Select((_, j) => sizes.Take(j + 1).Sum()).SkipLast(1).ToArray();
            var panel = new Panel
            {
                Title = string.Create(CultureInfo.InvariantCulture, $"{run.Name}: Q = {structure.Modularity:F3}, {structure.CommunityCount} communities, across-module {structure.AcrossModuleFraction:P0}"),
                KeepAspect = true,
                ColorBar = k == networks.Count - 1 ? new ColorBar(map, "weight w") : null,
            };
            panel.Add(new Heatmap(rows, map) { RowSeparators = boundaries, ColumnSeparators = boundaries });
            panel.Y.Inverted = true;
            panel.X.Grid = panel.Y.Grid = false;
            panel.X.Label = "presynaptic (reordered)";
            panel.Y.Label = "postsynaptic (reordered)";
            figure.Add(0, k, panel);
        }

        return figure;
    }
}

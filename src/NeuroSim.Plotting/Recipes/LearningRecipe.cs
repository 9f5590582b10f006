using NeuroSim.Core.RunFolders;
using NeuroSim.Plotting.Layers;
using NeuroSim.Plotting.Layout;

namespace NeuroSim.Plotting.Recipes;

/// <summary>
/// `--kind learning`: the loss curves of loss.csv of one or several run folders on one log axis. Each
/// series name (learner) keeps one colour across runs; each run has its own dash pattern.
/// Non-positive losses cannot be shown on a log axis and break the line.
/// </summary>
public sealed class LearningRecipe : IFigureRecipe
{
    private static readonly string?[] Dashes = [null, "7 4", "2 3", "9 3 2 3"];

    public string Kind => "learning";

    public string Description => "loss curves (loss.csv) of one or several run folders on one log axis";

    public bool AcceptsSeveralRuns => true;

    public Figure Build(IReadOnlyList<RunData> runs, PlotOptions options)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var tables = runs.Select(r => (Run: r, Table: r.Loss())).ToList();
        var seriesNames = tables.SelectMany(t => t.Table.Header.Where(h => h != "epoch")).Distinct().ToList();
        var figure = new Figure(1, 1)
        {
            Width = 820,
            Height = 520,
            Title = runs.Count == 1 ? $"Learning curves: {runs[0].Name}" : $"Learning curves: {string.Join(" vs ", runs.Select(r => r.Name))}",
            Subtitle = "mean loss over the training set per epoch (loss.csv); log scale",
            Footnote = runs.Count == 1 ? $"source: {runs[0].Name}/loss.csv. Curves that coincide show as alternating dashes." : "source: loss.csv of each run; colour = series, dash pattern = run",
        };
        // Loss curves fall to the right: the lower left corner is the emptiest.
        var panel = new Panel { Legend = LegendPosition.BottomLeft };
        panel.X.Label = "epoch";
        panel.X.Tight = true;
        panel.Y.Label = "mean loss ½(y − x)²";
        panel.Y.Log = true;
        var empty = true;
        for (var r = 0; r < tables.Count; r++)
        {
            var (run, table) = tables[r];
            var epoch = table.Numbers("epoch");
            foreach (var name in table.Header.Where(h => h != "epoch"))
            {
                var label = runs.Count == 1 ? name : $"{run.Name}: {name}";
                // One run: the dash pattern varies with the series too, so identical curves (BP and its
                // adiabatic equivalent) stay visible on top of each other; the first is drawn widest.
                var s = seriesNames.IndexOf(name);
                var dash = runs.Count == 1 ? Dashes[s % Dashes.Length] : Dashes[r % Dashes.Length];
                var width = s == 0 ? 3.2 : 1.8;
                panel.Add(new LineSeries(label, epoch, table.Numbers(name), Palette.SeriesColor(s), width, dash));
                empty &= table.RowCount == 0;
            }
        }

        if (empty)
        {
            panel.EmptyMessage = "no loss values";
        }

        figure.Add(0, 0, panel);
        return figure;
    }
}

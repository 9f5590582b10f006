namespace NeuroSim.Plotting.Recipes;

/// <summary>
/// `--kind learning`: the loss curves of loss.csv of one or several run folders on one log axis; a run
/// without loss.csv (a protocol run) shows the `loss` column of its monitors against time instead. Each
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
        var tables = runs.Select(r => (Run: r, Curves: Curves(r))).ToList();
        var seriesNames = tables.SelectMany(t => t.Curves.Series.Select(s => s.Name)).Distinct().ToList();
        var byTime = tables.Any(t => t.Curves.XName == "time_ms");
        var figure = new Figure(1, 1)
        {
            Width = 820,
            Height = 520,
            Title = runs.Count == 1 ? $"Learning curves: {runs[0].Name}" : $"Learning curves: {string.Join(" vs ", runs.Select(r => r.Name))}",
            Subtitle = byTime ? "loss recorded by the run's monitors (no loss.csv); log scale" : "mean loss over the training set per epoch (loss.csv); log scale",
            Footnote = runs.Count == 1 ? $"source: {runs[0].Name}/{tables[0].Curves.Source}. Curves that coincide show as alternating dashes." : $"source: {string.Join(", ", tables.Select(t => $"{t.Run.Name}/{t.Curves.Source}"))}; colour = series, dash pattern = run",
        };
        // Loss curves fall to the right: the lower left corner is the emptiest.
        var panel = new Panel { Legend = LegendPosition.BottomLeft };
        panel.X.Label = byTime ? "time (ms)" : "epoch";
        panel.X.Tight = true;
        panel.Y.Label = "mean loss ½(y − x)²";
        panel.Y.Log = true;
        var empty = true;
        for (var r = 0; r < tables.Count; r++)
        {
            var (run, curves) = tables[r];
            foreach (var (name, values) in curves.Series)
            {
                var label = runs.Count == 1 ? name : $"{run.Name}: {name}";
                // One run: the dash pattern varies with the series too, so identical curves (BP and its
                // adiabatic equivalent) stay visible on top of each other; the first is drawn widest.
                var s = seriesNames.IndexOf(name);
                var dash = runs.Count == 1 ? Dashes[s % Dashes.Length] : Dashes[r % Dashes.Length];
                var width = s == 0 ? 3.2 : 1.8;
                panel.Add(new LineSeries(label, curves.X, values, Palette.SeriesColor(s), width, dash));
                empty &= curves.X.Length == 0;
            }
        }

        if (empty)
        {
            panel.EmptyMessage = "no loss values";
        }

        figure.Add(0, 0, panel);
        return figure;
    }

    /// <summary>A run's loss curves: loss.csv by epoch, else the first monitor with a `loss` column by time.</summary>
    private static (string Source, string XName, double[] X, List<(string Name, double[] Values)> Series) Curves(RunData run)
    {
        if (File.Exists(Path.Combine(run.FolderPath, "loss.csv")))
        {
            var table = run.Loss();
            return ("loss.csv", "epoch", table.Numbers("epoch"), [.. table.Header.Where(h => h != "epoch").Select(h => (h, table.Numbers(h)))]);
        }

        var monitor = run.MonitorsWith(c => c == "loss").FirstOrDefault()
            ?? throw new ArgumentException($"run folder '{run.Name}' has no loss.csv and no monitor recording 'loss' (add loss to a monitor's variables)");
        return ($"monitors/{monitor.Name}.csv", "time_ms", monitor.Numbers("time_ms"), [("loss", monitor.Numbers("loss"))]);
    }
}

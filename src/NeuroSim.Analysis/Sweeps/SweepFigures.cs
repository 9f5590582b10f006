using NeuroSim.Analysis.Microcircuit.Continuous;
using NeuroSim.Experiments.Sweeps;
using NeuroSim.Plotting.Recipes;

namespace NeuroSim.Analysis.Sweeps;

/// <summary>
/// One figure per metric (figures/METRIC.svg), drawn from sweep.csv: the mean over seeds against the first swept
/// parameter that takes more than one value (log axis for a log range), with its 95% confidence interval as dashed
/// lines, one line per combination of the other parameters.
/// </summary>
public sealed class SweepFigures(bool png = false) : ISweepReport
{
    /// <summary>Lines per figure; further combinations of the other parameters are left out and the footnote says so.</summary>
    public const int MaxLines = 8;

    public IReadOnlyDictionary<string, string> Write(SweepPlan plan, string folder)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var table = CsvTable.Read(Path.Combine(folder, "sweep.csv"), "sweep.csv");
        var axis = plan.Parameters.ToList().FindIndex(p => p.Values.Count > 1);
        axis = Math.Max(0, axis);
        var files = new Dictionary<string, string>();
        var status = table.Strings("status");
        var points = table.Numbers("point");
        var rowsOfPoint = Enumerable.Range(0, points.Length).Where(k => status[k] == RunStatus.Complete).ToLookup(k => (int)points[k]);
        foreach (var metric in plan.Spec.Metrics)
        {
            var values = table.Numbers(metric.Name);
            var means = plan.Runs.Where(r => r.Seed == plan.Spec.Seeds[0])
                .Select(r => (Run: r, Samples: rowsOfPoint[r.Point].Select(k => values[k]).ToList()))
                .ToList();
            var groups = means.GroupBy(m => plan.OthersOf(m.Run, axis)).ToList();
            var parameter = plan.Parameters[axis];
            var figure = new Figure(1, 1)
            {
                Width = 760,
                Height = 480,
                Title = $"{plan.Spec.Name}: {metric.Name}",
                Subtitle = $"{Measured(metric)}; line: mean over {plan.Spec.Seeds.Count} seeds, band: 95% confidence interval (Student t)",
                Footnote = groups.Count > MaxLines ? string.Create(CultureInfo.InvariantCulture, $"{groups.Count - MaxLines} further combinations of the other parameters are in sweep.csv, not drawn.") : null,
            };
            var panel = new Panel { Legend = groups.Count > 1 ? LegendPosition.TopRight : LegendPosition.None };
            panel.X.Label = SweepTables.ColumnOf(parameter);
            panel.X.Log = parameter.Log;
            panel.Y.Label = metric.Name;
            for (var g = 0; g < Math.Min(MaxLines, groups.Count); g++)
            {
                var color = Palette.SeriesColor(g);
                var line = groups[g].ToList();
                var xs = line.Select(m => m.Run.Values[axis].Number).ToArray();
                var band = new MeanWithInterval(groups[g].Key.Length > 0 ? groups[g].Key : null, xs, [.. line.Select(m => m.Samples)], color, 1.8);
                panel.Add(band);
                panel.Add(new ScatterSeries(null, xs, [.. band.Intervals.Select(i => i.Mean)], color));
            }

            figure.Add(0, 0, panel);
            var name = $"figures/{metric.Name}.svg";
            ExperimentFiles.WriteFigure(figure, Path.Combine(folder, name), png);
            files[name] = $"{metric.Name} against {parameter.Path}: mean over seeds and 95% confidence interval";
        }

        if (plan.Spec.Metrics.Any(m => m.IsStructure))
        {
            WriteConnectomes(plan, folder, axis, rowsOfPoint, files);
        }

        return files;
    }

    /// <summary>
    /// With connectome-structure metrics: per combination of the other parameters, the reordered weights of the first
    /// seed's runs at the first and the last value of the axis parameter, side by side (figures/connectome*.svg).
    /// </summary>
    private void WriteConnectomes(SweepPlan plan, string folder, int axis, ILookup<int, int> completeRowsOfPoint, Dictionary<string, string> files)
    {
        var firstSeed = plan.Runs.Where(r => r.Seed == plan.Spec.Seeds[0]).ToList();
        var groups = firstSeed.GroupBy(r => plan.OthersOf(r, axis)).Take(MaxLines).ToList();
        var parameter = plan.Parameters[axis];
        foreach (var group in groups)
        {
            var ends = new[] { group.First(), group.Last() }.Distinct().Where(r => completeRowsOfPoint[r.Point].Any()).ToList();
            if (ends.Count == 0)
            {
                continue;
            }

            var runs = ends.Select(r => RunData.Open(Path.Combine(folder, "runs", r.FolderName), $"{parameter.Path} = {r.Values[axis].Text}")).ToList();
            var figure = FigureRecipes.Build(FigureRecipes.Find("connectome"), runs, new PlotOptions());
            figure.Subtitle = $"seed {ends[0].Seed}{(group.Key.Length > 0 ? ", " + group.Key : string.Empty)}; " + figure.Subtitle;
            var suffix = new string([.. group.Key.Select(c => char.IsAsciiLetterOrDigit(c) || c == '.' ? c : '-')]).Replace("---", "-", StringComparison.Ordinal);
            var name = $"figures/connectome{(suffix.Length > 0 ? "-" + suffix : string.Empty)}.svg";
            ExperimentFiles.WriteFigure(figure, Path.Combine(folder, name), png);
            files[name] = $"final weights reordered by Leiden communities at the lowest and highest {parameter.Path}{(group.Key.Length > 0 ? $" ({group.Key})" : string.Empty)}";
        }
    }

    /// <summary>What a metric measures, for the subtitle: "last of loss.loss", "weight_change of in->hidden", "bp_deviation".</summary>
    private static string Measured(MetricSpec metric) => metric.Stat switch
    {
        "bp_deviation" or "bp_cosine" => $"{metric.Stat}: the run's weight change against its adiabatic twin's (the BP step)",
        "weight_change" => $"weight_change of {metric.Projection ?? "every projection"}",
        _ when metric.IsStructure => $"{metric.Stat} of the final weights' Leiden communities",
        _ => $"{metric.Stat} of {metric.Monitor}.{metric.Column}{(metric.OfAdiabaticTwin ? " of the adiabatic twin" : string.Empty)}",
    };
}

using System.Globalization;
using System.Text;
using NeuroSim.Core.RunFolders;

namespace NeuroSim.Analysis.Predictions;

/// <summary>
/// Runs the virtual experiments defined by the sweep files in protocols/predictions/ (each through the sweep machinery
/// into runs/pN/) and writes the report: predictions.md (each prediction's manipulation, measurement, effect in
/// numbers, table and figure) and predictions.csv (every number).
/// </summary>
public static class PredictionBattery
{
    public static IReadOnlyList<(string Id, Func<PredictionContext, PredictionOutcome> Run)> All { get; } =
    [
        ("1", RetrogradeVersusBalance.Run),
        ("2", UpdateToSignalRatio.Run),
        ("3", DevelopmentModularity.Run),
        ("4", RetrogradeBlockade.Run),
        ("5", CreditTiming.Run),
        ("6", LayerBalanceShift.Run),
        ("7", MicrocircuitNudgingAndSst.Run),
    ];

    public static IReadOnlyList<PredictionOutcome> Run(PredictionContext context, IReadOnlyList<string>? only = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var chosen = All.Where(p => only is null || only.Count == 0 || only.Contains(p.Id)).ToList();
        if (chosen.Count == 0)
        {
            throw new ArgumentException($"no prediction selected; valid: {string.Join(", ", All.Select(p => p.Id))}");
        }

        Directory.CreateDirectory(context.OutputFolder);
        var outcomes = chosen.Select(p => p.Run(context)).ToList();
        var csvPath = Path.Combine(context.OutputFolder, "predictions.csv");
        AtomicFile.Write(csvPath, stream =>
        {
            using var csv = new CsvTableWriter(stream, ["prediction", "condition", "quantity", "mean", "ci95_half_width", "n"]);
            foreach (var outcome in outcomes)
            {
                foreach (var row in outcome.Rows)
                {
                    csv.Write(outcome.Id).Write(row.Condition).Write(row.Quantity).Write(row.Mean).Write(row.HalfWidth95).Write(row.N).EndRow();
                }
            }
        });
        var text = new StringBuilder("# Predictions for wet-lab experiments\n\n");
        text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"From `neurosim predict` with {context.Seeds} seeds; every number is in predictions.csv. The unit of replication is the seed (one network's weights): each row is the mean of one value per seed, ± the half-width of its two-sided 95% confidence interval (Student t, n - 1 degrees of freedom; n is the number of seeds). Rows without an interval (-) describe a set pooled over seeds (a median or largest value over synapses). Each prediction's runs are a sweep in runs/pN/ (sweep.csv, summary.md) of the sweep file named in its section."));
        foreach (var outcome in outcomes)
        {
            text.AppendLine().AppendLine($"## {outcome.Id}. {outcome.Title}").AppendLine();
            text.AppendLine($"- **Manipulation:** {outcome.Manipulation}");
            text.AppendLine($"- **Measured:** {outcome.Measured}");
            text.AppendLine($"- **Predicted effect:** {outcome.Effect}").AppendLine();
            text.AppendLine("| condition | quantity | mean | ± 95% CI | n |").AppendLine("|---|---|---|---|---|");
            foreach (var row in outcome.Rows)
            {
                text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {row.Condition} | {row.Quantity} | {row.Mean:G4} | {(double.IsNaN(row.HalfWidth95) ? "-" : row.HalfWidth95.ToString("G3", CultureInfo.InvariantCulture))} | {row.N} |"));
            }

            text.AppendLine();
            foreach (var figure in outcome.Figures)
            {
                text.AppendLine($"![{outcome.Title}]({figure.Replace('\\', '/')})");
            }
        }

        File.WriteAllText(Path.Combine(context.OutputFolder, "predictions.md"), text.ToString());
        return outcomes;
    }
}

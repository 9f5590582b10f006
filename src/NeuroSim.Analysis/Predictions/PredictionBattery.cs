using System.Text;
using NeuroSim.Core.Statistics;

namespace NeuroSim.Analysis.Predictions;

/// <summary>
/// Runs the virtual experiments defined by the sweep files in protocols/predictions/ (each through the sweep machinery
/// into runs/pN/) and writes the report: predictions.md (each prediction's manipulation, measurement, effect in
/// numbers, table and figure, what a lab would measure) and predictions.csv (every per-seed value and every summary).
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
        WriteCsv(Path.Combine(context.OutputFolder, "predictions.csv"), outcomes);
        AtomicFile.WriteAllText(Path.Combine(context.OutputFolder, "predictions.md"), Markdown(context, outcomes));
        return outcomes;
    }

    /// <summary>The columns of predictions.csv, one value a line (tidy): see <see cref="WriteCsv"/>.</summary>
    public static IReadOnlyList<string> CsvHeader { get; } = ["prediction", "condition", "quantity", "control", "seed", "statistic", "value"];

    /// <summary>
    /// predictions.csv, one value a line: every per-seed value (seed 1..N, statistic "value"; NaN where a seed gives
    /// none), then the row's summary with an empty seed: "mean", "ci95_half_width", "ci95_low", "ci95_high", "n", and
    /// for a row with a control (named in "control") its effect, "effect_scale" (0 difference, 1 ratio),
    /// "effect_estimate" (mean paired difference, or geometric mean ratio), "effect_ci95_low", "effect_ci95_high",
    /// "effect_n", "d_z" (Cohen's d_z, of the log ratios for a ratio) and "clear_effect" (1 when the effect's 95%
    /// interval excludes 0, or 1 for a ratio; else 0).
    /// </summary>
    public static void WriteCsv(string path, IReadOnlyList<PredictionOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        AtomicFile.Write(path, stream =>
        {
            using var csv = new CsvTableWriter(stream, CsvHeader);
            foreach (var outcome in outcomes)
            {
                foreach (var row in outcome.Rows)
                {
                    var control = row.Control ?? string.Empty;
                    void Line(string seed, string statistic, double value) =>
                        csv.Write(outcome.Id).Write(row.Condition).Write(row.Quantity).Write(control).Write(seed).Write(statistic).Write(value).EndRow();
                    for (var k = 0; k < row.PerSeed.Count; k++)
                    {
                        Line((k + 1).ToString(CultureInfo.InvariantCulture), "value", row.PerSeed[k]);
                    }

                    Line(string.Empty, "mean", row.Mean);
                    Line(string.Empty, "ci95_half_width", row.HalfWidth95);
                    Line(string.Empty, "ci95_low", row.Interval.Lower);
                    Line(string.Empty, "ci95_high", row.Interval.Upper);
                    Line(string.Empty, "n", row.N);
                    if (row.Effect is { } effect)
                    {
                        Line(string.Empty, "effect_scale", effect.Scale == EffectScale.Ratio ? 1 : 0);
                        Line(string.Empty, "effect_estimate", effect.Estimate);
                        Line(string.Empty, "effect_ci95_low", effect.Lower);
                        Line(string.Empty, "effect_ci95_high", effect.Upper);
                        Line(string.Empty, "effect_n", effect.Count);
                        Line(string.Empty, "d_z", effect.Dz);
                        Line(string.Empty, "clear_effect", effect.IsClear ? 1 : 0);
                    }
                }
            }
        });
    }

    private static string Markdown(PredictionContext context, IReadOnlyList<PredictionOutcome> outcomes)
    {
        var text = new StringBuilder("# Predictions for wet-lab experiments\n\n");
        text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"From `neurosim predict` with {context.Seeds} seeds; every number, and every per-seed value, is in predictions.csv. The unit of replication is the seed (one network's weights; neurons and synapses are averaged within a seed first): each row is the mean of one value per seed, ± the half-width of its two-sided 95% confidence interval (Student t, n - 1 degrees of freedom; n is the number of seeds). A row with a control is compared with it on the same seeds: the effect is the mean paired difference (row minus control, seed by seed) with its 95% t interval, or, for a row that is itself a per-seed ratio to the control, the geometric mean ratio against 1 with its interval (the t interval of the mean log ratio, back-transformed; the row's own mean ± CI is the arithmetic one); d_z is Cohen's d_z, the mean of the per-seed differences (log ratios) divided by their standard deviation. Where the effect's interval contains 0 (a ratio's contains 1) the table and the text say \"{EffectWording.NoClearEffect}\" instead of stating an effect. Each prediction's runs are a sweep in runs/pN/ (sweep.csv, summary.md) of the sweep file named in its section."));
        foreach (var outcome in outcomes)
        {
            text.AppendLine().AppendLine($"## {outcome.Id}. {outcome.Title}").AppendLine();
            text.AppendLine($"- **Manipulation:** {outcome.Manipulation}");
            text.AppendLine($"- **Measured:** {outcome.Measured}");
            if (outcome.InTheLab is { } lab)
            {
                text.AppendLine($"- **In the lab:** {lab}");
            }

            text.AppendLine($"- **Predicted effect:** {outcome.Effect}").AppendLine();
            text.AppendLine("| condition | quantity | mean | ± 95% CI | n | against | effect (95% CI) | d_z |").AppendLine("|---|---|---|---|---|---|---|---|");
            foreach (var row in outcome.Rows)
            {
                var half = double.IsNaN(row.HalfWidth95) ? "-" : row.HalfWidth95.ToString("G3", CultureInfo.InvariantCulture);
                var (against, cell, dz) = row.Effect is { } effect ? (row.Control, EffectWording.Cell(effect), EffectWording.Dz(effect.Dz)) : ("-", "-", "-");
                text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {Cell(row.Condition)} | {Cell(row.Quantity)} | {row.Mean:G4} | {half} | {row.N} | {Cell(against ?? "-")} | {cell} | {dz} |"));
            }

            text.AppendLine();
            foreach (var figure in outcome.Figures)
            {
                text.AppendLine($"![{outcome.Title}]({figure.Replace('\\', '/')})");
            }
        }

        return text.ToString();
    }

    /// <summary>Text for a Markdown table cell: a pipe (|c f(s)|) would end the cell.</summary>
    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}

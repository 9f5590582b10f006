using NeuroSim.Analysis.Predictions;
using NeuroSim.Core.RunFolders;
using NeuroSim.Core.Statistics;
using NeuroSim.Experiments.Sweeps;

namespace NeuroSim.Tests.Analysis;

/// <summary>
/// The statistics a wet lab reads off the prediction report: paired effects against a control with their 95% t
/// intervals and Cohen's d_z, "no clear effect" exactly when the interval contains the control's value, and the
/// per-seed values of predictions.csv.
/// </summary>
public sealed class PredictionStatisticsTests
{
    // Student t quantile t(0.975, 2 degrees of freedom) in closed form: the t_2 CDF is 1/2 + t / (2 sqrt(2 + t^2)), so
    // t / sqrt(2 + t^2) = 0.95 and t = 0.95 sqrt(2 / (1 - 0.95^2)) = 4.3026527...
    private static readonly double StudentT975TwoDegrees = 0.95 * Math.Sqrt(2 / (1 - (0.95 * 0.95)));

    // t(0.975, 3 degrees of freedom) from printed tables (e.g. Abramowitz & Stegun 26.10), to the digits given.
    private const double StudentT975ThreeDegrees = 3.1824463;

    [Fact]
    public void The_closed_form_t_quantile_is_the_tables_value()
    {
        Assert.Equal(4.302653, StudentT975TwoDegrees, 6);
    }

    [Fact]
    public void A_paired_difference_whose_interval_contains_zero_is_no_clear_effect()
    {
        // Differences 1, 2, 3: mean 2, s = 1, half-width t(0.975, 2) / sqrt(3) = 2.484; the interval -0.484..4.484
        // contains 0. d_z = mean / s = 2.
        var effect = PairedEffect.Difference([2, 4, 6], [1, 2, 3]);
        Assert.Equal(EffectScale.Difference, effect.Scale);
        Assert.Equal(3, effect.Count);
        Assert.Equal(2.0, effect.Estimate, 12);
        Assert.Equal(1.0, effect.StandardDeviation, 12);
        Assert.Equal(2 - (StudentT975TwoDegrees / Math.Sqrt(3)), effect.Lower, 9);
        Assert.Equal(2 + (StudentT975TwoDegrees / Math.Sqrt(3)), effect.Upper, 9);
        Assert.Equal(2.0, effect.Dz, 12);
        Assert.True(effect.Lower < 0 && effect.Upper > 0);
        Assert.False(effect.IsClear);
        Assert.StartsWith(EffectWording.NoClearEffect, EffectWording.Cell(effect), StringComparison.Ordinal);
    }

    [Fact]
    public void A_paired_difference_whose_interval_excludes_zero_is_an_effect_with_its_d_z()
    {
        // Control 10, 12, 11, 13; manipulation 12, 15, 15, 16: differences 2, 3, 4, 3, mean 3, s = sqrt(2/3) = 0.8165,
        // half-width t(0.975, 3) s / 2 = 1.2992, interval 1.70..4.30; d_z = 3 / sqrt(2/3) = 3.674 (and t = d_z sqrt(4)).
        var effect = PairedEffect.Difference([12, 15, 15, 16], [10, 12, 11, 13]);
        var s = Math.Sqrt(2.0 / 3.0);
        Assert.Equal(3.0, effect.Estimate, 12);
        Assert.Equal(s, effect.StandardDeviation, 12);
        Assert.Equal(3 - (StudentT975ThreeDegrees * s / 2), effect.Lower, 6);
        Assert.Equal(3 + (StudentT975ThreeDegrees * s / 2), effect.Upper, 6);
        Assert.Equal(3 / s, effect.Dz, 12);
        Assert.Equal(3.6742, effect.Dz, 4);
        Assert.True(effect.IsClear);
        Assert.Equal("+3 (1.7 to 4.3)", EffectWording.Cell(effect));
    }

    [Fact]
    public void Pairs_are_taken_seed_by_seed_and_a_seed_without_a_value_drops_out_of_both()
    {
        // Seed 2 has no control value: the differences are seed 1's (1) and seed 3's (2) only.
        var effect = PairedEffect.Difference([2, 5, 5], [1, double.NaN, 3]);
        Assert.Equal(2, effect.Count);
        Assert.Equal(1.5, effect.Estimate, 12);

        // Shuffling the controls changes the pairs, so the paired estimate of spread changes while the means do not.
        var paired = PairedEffect.Difference([2, 4, 6], [1, 2, 3]);
        var shuffled = PairedEffect.Difference([2, 4, 6], [3, 1, 2]);
        Assert.Equal(paired.Estimate, shuffled.Estimate, 12);
        Assert.NotEqual(paired.StandardDeviation, shuffled.StandardDeviation, 6);
        Assert.Throws<ArgumentException>(() => PairedEffect.Difference([1, 2], [1]));
    }

    [Fact]
    public void A_ratio_is_tested_against_one_on_the_log_scale()
    {
        // Ratios e^-1.2, e^-1, e^-0.8: log ratios -1.2, -1, -0.8 with mean -1 and s = 0.2; the geometric mean ratio is
        // e^-1 = 0.368 with the interval exp(-1 +- t(0.975, 2) 0.2 / sqrt(3)) = 0.224..0.605, which excludes 1;
        // d_z = -1 / 0.2 = -5.
        var cut = PairedEffect.Ratio([Math.Exp(-1.2), Math.Exp(-1), Math.Exp(-0.8)]);
        var half = StudentT975TwoDegrees * 0.2 / Math.Sqrt(3);
        Assert.Equal(EffectScale.Ratio, cut.Scale);
        Assert.Equal(1.0, cut.Null);
        Assert.Equal(Math.Exp(-1), cut.Estimate, 12);
        Assert.Equal(Math.Exp(-1 - half), cut.Lower, 12);
        Assert.Equal(Math.Exp(-1 + half), cut.Upper, 12);
        Assert.Equal(0.2, cut.StandardDeviation, 12);
        Assert.Equal(-5.0, cut.Dz, 9);
        Assert.True(cut.IsClear);
        Assert.Equal("ratio 0.368 (0.224 to 0.605)", EffectWording.Cell(cut));

        // Log ratios -1, -2, -3 (mean -2, s = 1): exp(-2 +- 2.484) = 0.0113..1.62 contains 1; d_z = -2.
        var none = PairedEffect.Ratio([Math.Exp(-1), Math.Exp(-2), Math.Exp(-3)]);
        Assert.Equal(Math.Exp(-2 + (StudentT975TwoDegrees / Math.Sqrt(3))), none.Upper, 12);
        Assert.Equal(-2.0, none.Dz, 9);
        Assert.False(none.IsClear);

        // A seed whose control is near 0 gives one huge ratio: on the log scale it is one large value, not the mean.
        var withOutlier = PairedEffect.Ratio([0.1, 0.12, 0.08, 0.11, 0.09, 0.1, 0.1, 0.12, 0.08, 60]);
        Assert.InRange(withOutlier.Estimate, 0.1, 0.2);
        Assert.True(withOutlier.Upper < 1, "nine seeds at a tenth of control and one wild seed still show a cut");
        Assert.Equal(10, withOutlier.Count);
        Assert.Equal(2, PairedEffect.Ratio([0.5, 0, 0.4, double.NaN]).Count); // no log of 0 or NaN
    }

    [Fact]
    public void One_seed_gives_no_interval_and_so_no_clear_effect()
    {
        var effect = PairedEffect.Difference([5], [1]);
        Assert.True(double.IsNaN(effect.Lower) && double.IsNaN(effect.Upper));
        Assert.True(double.IsNaN(effect.Dz));
        Assert.False(effect.IsClear);
        var row = PredictionRow.Against("drug", "q", [5], PredictionRow.OverSeeds("control", "q", [1]));
        Assert.StartsWith(EffectWording.NoClearEffect, EffectWording.Phrase(row, EffectWording.Number), StringComparison.Ordinal);
    }

    [Fact]
    public void The_words_say_no_clear_effect_exactly_when_the_interval_contains_the_control_value()
    {
        // Many small paired data sets, some with an effect, some without: the wording is decided by the interval
        // computed here from the textbook formula mean +- t(0.975, 2) s / sqrt(3).
        var random = new Random(18);
        int clear = 0, unclear = 0;
        for (var trial = 0; trial < 400; trial++)
        {
            var shift = (random.NextDouble() - 0.5) * 3;
            double[] control = [.. Enumerable.Range(0, 3).Select(_ => random.NextDouble() * 10)];
            double[] drug = [.. control.Select(c => c + shift + (random.NextDouble() - 0.5))];
            double[] d = [.. drug.Zip(control, (a, b) => a - b)];
            var mean = d.Average();
            var s = Math.Sqrt(d.Sum(v => (v - mean) * (v - mean)) / 2);
            var contains = mean - (StudentT975TwoDegrees * s / Math.Sqrt(3)) <= 0 && 0 <= mean + (StudentT975TwoDegrees * s / Math.Sqrt(3));

            var row = PredictionRow.Against("drug", "q", drug, PredictionRow.OverSeeds("control", "q", control));
            var phrase = EffectWording.Phrase(row, EffectWording.Number);
            Assert.Equal(contains, phrase.StartsWith(EffectWording.NoClearEffect, StringComparison.Ordinal));
            Assert.Equal(contains, EffectWording.Cell(row.Effect!).StartsWith(EffectWording.NoClearEffect, StringComparison.Ordinal));
            Assert.Equal(contains, phrase.Contains("d_z", StringComparison.Ordinal) is false);
            Assert.Equal(contains ? "unclear" : mean < 0 ? "lower" : "higher", EffectWording.Direction(row, "lower", "higher", "unclear"));

            // The same with ratios against 1 (on the log scale: the interval of the mean log ratio against 0).
            double[] ratios = [.. drug.Zip(control, (a, b) => (a + 10) / (b + 10))];
            var lr = ratios.Select(r => Math.Log(r)).ToArray();
            var rm = lr.Average();
            var rs = Math.Sqrt(lr.Sum(v => (v - rm) * (v - rm)) / 2);
            var containsOne = rm - (StudentT975TwoDegrees * rs / Math.Sqrt(3)) <= 0 && 0 <= rm + (StudentT975TwoDegrees * rs / Math.Sqrt(3));
            var ratioRow = PredictionRow.RatioTo("drug / control", "q", ratios, "control");
            Assert.Equal(containsOne, EffectWording.Phrase(ratioRow, EffectWording.Number).StartsWith(EffectWording.NoClearEffect, StringComparison.Ordinal));
            clear += contains ? 0 : 1;
            unclear += contains ? 1 : 0;
        }

        Assert.True(clear > 50 && unclear > 50, $"both cases must occur ({clear} clear, {unclear} not)");
    }

    [Fact]
    public void The_threshold_sentence_reads_correctly_whether_or_not_a_value_is_found()
    {
        double[] values = [1, 10, 100, 1000];
        PredictionRow Ratio(double ms, double[] perSeed) => PredictionRow.RatioTo(CreditTiming.MessengerCondition(ms), CreditTiming.MessengerRatioQuantity, perSeed, "control");

        // At 100 ms the whole interval is below 10% (0.04..0.06 around 0.05); at 1000 ms too, but 100 ms comes first.
        var found = CreditTiming.Threshold("tau_m", values, [Ratio(10, [0.5, 0.6, 0.55]), Ratio(100, [0.05, 0.06, 0.04]), Ratio(1000, [0.01, 0.02, 0.015])]);
        Assert.Equal("its whole 95% interval first lies below 10% of the control's at tau_m = 100 ms", found);

        // A mean below 10% whose interval reaches above it (0.02, 0.15, 0.04: mean 0.07) is not "below 10%".
        var notFound = CreditTiming.Threshold("tau_m", values, [Ratio(10, [0.5, 0.6, 0.55]), Ratio(100, [0.3, 0.4, 0.35]), Ratio(1000, [0.02, 0.15, 0.04])]);
        Assert.Equal("at no tau_m tried (10 to 1000 ms) does its whole 95% interval lie below 10% of the control's", notFound);

        // One seed has no interval, so nothing is clearly below 10% (the old text said "at tau_m = none of the values tried").
        Assert.Null(CreditTiming.FirstClearlyBelow([Ratio(10, [0.01])]));
    }

    [Fact]
    public void The_shipped_sweep_files_and_the_command_default_to_at_least_ten_seeds()
    {
        Assert.True(PredictionContext.DefaultSeeds >= 10);
        var folder = Path.Combine(CliRunner.RepositoryRoot(), "protocols", "predictions");
        var files = Directory.GetFiles(folder, "*.sweep.yaml");
        Assert.Equal(7, files.Length);
        Assert.All(files, f => Assert.Equal(PredictionContext.DefaultSeeds, SweepFile.Load(f).Seeds.Count));
        var (code, stdout, _) = CliRunner.Run("predict", "--help");
        Assert.Equal(0, code);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"[default: {PredictionContext.DefaultSeeds}]"), stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Predictions_csv_keeps_every_per_seed_value_and_the_paired_effects_computed_from_them()
    {
        using var temp = new TempFolder();
        var context = new PredictionContext(Path.Combine(CliRunner.RepositoryRoot(), "protocols", "predictions"), temp.Path, Seeds: 3, Png: false) { Workers = 2 };
        PredictionBattery.Run(context, ["4"]);

        // The per-seed runs as the sweep machinery wrote them (sweep.csv), independently of the prediction's code.
        var sweep = CsvTable.Read(temp.Combine("runs", "p4", "sweep.csv"), "sweep.csv");
        var (point, seed, loss) = (sweep.Numbers("point"), sweep.Numbers("seed"), sweep.Numbers("loss_epoch_30"));
        double Loss(int p, int s) => loss[Enumerable.Range(0, sweep.RowCount).Single(k => point[k] == p && seed[k] == s)];

        var csv = CsvTable.Read(temp.Combine("predictions.csv"), "predictions.csv");
        Assert.Equal(PredictionBattery.CsvHeader, csv.Header);
        var (condition, quantity, seedColumn, statistic, value) = (csv.Strings("condition"), csv.Strings("quantity"), csv.Strings("seed"), csv.Strings("statistic"), csv.Numbers("value"));
        double[] PerSeed(string c, string q) =>
            [.. Enumerable.Range(1, 3).Select(s => value[Enumerable.Range(0, csv.RowCount).Single(k => condition[k] == c && quantity[k] == q && statistic[k] == "value" && seedColumn[k] == s.ToString(CultureInfo.InvariantCulture))])];
        double Summary(string c, string q, string stat) =>
            value[Enumerable.Range(0, csv.RowCount).Single(k => condition[k] == c && quantity[k] == q && seedColumn[k].Length == 0 && statistic[k] == stat)];

        // Point 0 is the control, point 1 the block: the per-seed losses are the runs' own.
        const string LossQuantity = "mean loss in epoch 30";
        var control = PerSeed("control", LossQuantity);
        var blocked = PerSeed("blocked hidden->out", LossQuantity);
        for (var s = 1; s <= 3; s++)
        {
            Assert.Equal(Loss(0, s), control[s - 1], 12);
            Assert.Equal(Loss(1, s), blocked[s - 1], 12);
        }

        // The summary and the paired effect, recomputed from the runs' values with the textbook formulas.
        double[] d = [.. Enumerable.Range(1, 3).Select(s => Loss(1, s) - Loss(0, s))];
        var mean = d.Average();
        var sd = Math.Sqrt(d.Sum(v => (v - mean) * (v - mean)) / 2);
        Assert.Equal(control.Average(), Summary("control", LossQuantity, "mean"), 12);
        Assert.Equal(mean, Summary("blocked hidden->out", LossQuantity, "effect_estimate"), 12);
        Assert.Equal(mean - (StudentT975TwoDegrees * sd / Math.Sqrt(3)), Summary("blocked hidden->out", LossQuantity, "effect_ci95_low"), 9);
        Assert.Equal(mean / sd, Summary("blocked hidden->out", LossQuantity, "d_z"), 9);
        Assert.Equal(3, Summary("blocked hidden->out", LossQuantity, "effect_n"));

        // The ratio row is the per-seed ratio of the same runs.
        var ratios = PerSeed("blocked / control", "loss in epoch 30");
        Assert.Equal([.. Enumerable.Range(1, 3).Select(s => Loss(1, s) / Loss(0, s))], ratios, (a, b) => Math.Abs(a - b) < 1e-12);

        // Every effect is "clear" exactly when its interval excludes the null, in the CSV and in the report's table.
        var markdown = File.ReadAllLines(temp.Combine("predictions.md"));
        var withEffects = Enumerable.Range(0, csv.RowCount).Where(k => statistic[k] == "clear_effect").ToList();
        Assert.Equal(6, withEffects.Count); // 3 blocked rows against control, 3 ratio rows
        foreach (var k in withEffects)
        {
            var (c, q) = (condition[k], quantity[k]);
            var nullValue = Summary(c, q, "effect_scale") == 1 ? 1.0 : 0.0;
            var excludes = Summary(c, q, "effect_ci95_low") > nullValue || Summary(c, q, "effect_ci95_high") < nullValue;
            Assert.Equal(excludes ? 1.0 : 0.0, value[k]);
            var line = markdown.Single(l => l.StartsWith($"| {c} | {q.Replace("|", "\\|", StringComparison.Ordinal)} |", StringComparison.Ordinal));
            Assert.Equal(!excludes, line.Contains(EffectWording.NoClearEffect, StringComparison.Ordinal));
        }

        Assert.Contains(markdown, l => l.StartsWith("- **In the lab:** ", StringComparison.Ordinal));
    }
}

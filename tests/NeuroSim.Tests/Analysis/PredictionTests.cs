using NeuroSim.Analysis.Predictions;
using NeuroSim.Core.RunFolders;

namespace NeuroSim.Tests.Analysis;

public sealed class PredictionTests
{
    // The adiabatic weight change is the same arithmetic as lambda c f x^T in another order (the bound).
    private const double AdiabaticRatioTolerance = 1e-9;

    private static PredictionContext Context(TempFolder temp) =>
        new(Path.Combine(CliRunner.RepositoryRoot(), "protocols", "predictions"), temp.Path, Seeds: 1, Png: false);

    [Fact]
    public void The_update_to_signal_ratio_is_lambda_x_over_w_in_adiabatic_mode()
    {
        using var temp = new TempFolder();
        var outcome = UpdateToSignalRatio.Run(Context(temp));
        // One number per seed: the largest departure over the 24 synapses of the one seed's network.
        var largest = outcome.Rows.Single(r => r.Condition == "adiabatic" && r.Quantity.StartsWith("the same, largest", StringComparison.Ordinal));
        Assert.Equal(1, largest.N);
        Assert.InRange(Assert.Single(largest.PerSeed), 0, AdiabaticRatioTolerance);
        var multirate = outcome.Rows.Single(r => r.Condition == "multirate" && r.Quantity.StartsWith("the same, median", StringComparison.Ordinal));
        Assert.True(multirate.Mean > 1e-3, "continuous time departs from the identity");
        Assert.Equal("adiabatic", multirate.Control);
    }

    [Fact]
    public void The_retrograde_signal_peaks_near_balance_and_collapses_in_saturation()
    {
        using var temp = new TempFolder();
        var outcome = RetrogradeVersusBalance.Run(Context(temp));
        double Normalized(string condition) => outcome.Rows.Single(r => r.Condition == condition && r.Quantity.StartsWith("retrograde", StringComparison.Ordinal)).Mean;
        double NetInput(string condition) => outcome.Rows.Single(r => r.Condition == condition && r.Quantity.StartsWith("net input s", StringComparison.Ordinal)).Mean;

        // Strong tonic excitation saturates tanh (f = tanh'(s) small): the signal falls far below its peak.
        Assert.InRange(Normalized("tonic drive +3.0"), 0, 0.2);
        Assert.True(NetInput("tonic drive +3.0") > NetInput("tonic drive 0") + 2.5, "excitation raises the net input");
        Assert.True(NetInput("tonic drive -3.0") < NetInput("tonic drive 0") - 2.5, "inhibition lowers the net input");
        Assert.InRange(Normalized("tonic drive -3.0"), 0, 0.5);
        Assert.True(Normalized("tonic drive 0") > 0.5, "without drive the neurons sit near their peak");
        Assert.True(File.Exists(Path.Combine(temp.Path, "figures", "p1-retrograde-vs-balance.svg")));
    }

    [Fact]
    public void Predict_writes_the_report_and_refuses_an_unknown_prediction()
    {
        using var temp = new TempFolder();
        var protocols = Path.Combine(CliRunner.RepositoryRoot(), "protocols", "predictions");
        var (code, stdout, stderr) = CliRunner.Run("predict", "--seeds", "1", "--only", "2", "--protocols", protocols, "--out", temp.Combine("report"));
        Assert.True(code == 0, stderr);
        Assert.Contains("2. Ratio of synaptic change to retrograde signal", stdout, StringComparison.Ordinal);
        Assert.Contains("**Predicted effect:**", File.ReadAllText(temp.Combine("report", "predictions.md")), StringComparison.Ordinal);
        Assert.True(File.ReadAllLines(temp.Combine("report", "predictions.csv")).Length > 3);

        (code, _, stderr) = CliRunner.Run("predict", "--only", "9", "--protocols", protocols, "--out", temp.Combine("other"));
        Assert.Equal(2, code);
        Assert.Contains("no prediction selected; valid: 1, 2, 3, 4, 5, 6", stderr, StringComparison.Ordinal);
    }
}

public sealed class PredictionBatteryTests
{
    private static PredictionContext Context(TempFolder temp) =>
        new(Path.Combine(CliRunner.RepositoryRoot(), "protocols", "predictions"), temp.Path, Seeds: 1, Png: false);

    private static double Value(PredictionOutcome outcome, string condition, string quantityStart) =>
        outcome.Rows.Single(r => r.Condition == condition && r.Quantity.StartsWith(quantityStart, StringComparison.Ordinal)).Mean;

    [Fact]
    public void Blockade_zeroes_upstream_plasticity_exactly_and_leaves_downstream_within_1_percent_at_a_small_step()
    {
        using var temp = new TempFolder();
        var outcome = RetrogradeBlockade.Run(Context(temp));
        Assert.Equal(0.0, Value(outcome, "blocked hidden->out", "upstream"));
        Assert.True(Value(outcome, "control", "upstream") > 0.1, "controls do change upstream");
        Assert.InRange(Value(outcome, "blocked / control, step 0.002 instead of 0.2", "downstream"), 0.99, 1.01);
        Assert.True(Value(outcome, "blocked / control", "loss") > 2, "blocked learning plateaus above the control");
    }

    // Student t quantile t(0.975, 1 degree of freedom) = tan(0.475 pi), to the digits given.
    private const double StudentT975OneDegree = 12.706204736174698;

    [Fact]
    public void The_blockade_numbers_are_those_of_its_sweep_table_paired_by_seed()
    {
        using var temp = new TempFolder();
        var outcome = RetrogradeBlockade.Run(Context(temp) with { Seeds = 2 });
        var table = CsvTable.Read(temp.Combine("runs", "p4", "sweep.csv"), "sweep.csv");
        var (point, seed, loss) = (table.Numbers("point"), table.Numbers("seed"), table.Numbers("loss_epoch_30"));
        double Loss(int p, int s) => loss[Enumerable.Range(0, table.RowCount).Single(k => point[k] == p && seed[k] == s)];

        // Point 0 is the control, point 1 the block (both at the model's step, 30 epochs).
        var control = outcome.Rows.Single(r => r.Condition == "control" && r.Quantity.StartsWith("mean loss", StringComparison.Ordinal));
        Assert.Equal((Loss(0, 1) + Loss(0, 2)) / 2, control.Mean, 15);
        var ratios = new[] { Loss(1, 1) / Loss(0, 1), Loss(1, 2) / Loss(0, 2) };
        var ratio = outcome.Rows.Single(r => r.Condition == "blocked / control" && r.Quantity.StartsWith("loss", StringComparison.Ordinal));
        Assert.Equal(2, ratio.N);
        Assert.Equal(ratios.Average(), ratio.Mean, 12);

        // Two seeds: the 95% half-width is t(0.975, 1) s / sqrt(2) = t(0.975, 1) |a - b| / 2.
        Assert.Equal(StudentT975OneDegree * Math.Abs(ratios[0] - ratios[1]) / 2, ratio.HalfWidth95, 9);
    }

    [Fact]
    public void Slower_messengers_and_shorter_overlaps_give_smaller_weight_changes()
    {
        using var temp = new TempFolder();
        var outcome = CreditTiming.Run(Context(temp));
        var messenger = CreditTiming.MessengerMs.Select(t => Value(outcome, CreditTiming.MessengerCondition(t), CreditTiming.MessengerQuantity)).ToArray();
        var overlap = CreditTiming.OverlapMs.Select(o => Value(outcome, CreditTiming.OverlapCondition(o), CreditTiming.OverlapQuantity)).ToArray();
        Assert.True(messenger[^1] < messenger[0], "a 3 s messenger carries less than a 1 ms one");
        for (var k = 1; k < overlap.Length; k++)
        {
            Assert.True(overlap[k] < overlap[k - 1], $"shorter overlap {CreditTiming.OverlapMs[k]} ms must change less");
        }

        // The ratio rows are the raw rows divided by the control of the same seed (one seed here).
        var ratio = outcome.Rows.Single(r => r.Condition == CreditTiming.MessengerCondition(3000) && r.Quantity == CreditTiming.MessengerRatioQuantity);
        Assert.Equal(messenger[^1] / messenger[0], ratio.Mean, 12);
        Assert.Equal(CreditTiming.MessengerCondition(1), ratio.Control);
    }

    [Fact]
    public void Inhibiting_or_disinhibiting_a_layer_cuts_its_credit_and_upstream_plasticity()
    {
        using var temp = new TempFolder();
        var outcome = LayerBalanceShift.Run(Context(temp));
        Assert.InRange(Value(outcome, LayerBalanceShift.Condition(-2), LayerBalanceShift.CreditRatioQuantity), 0, 0.5);
        Assert.InRange(Value(outcome, LayerBalanceShift.Condition(-2), LayerBalanceShift.PlasticityRatioQuantity), 0, 0.5);
        Assert.True(Value(outcome, LayerBalanceShift.Condition(2), LayerBalanceShift.CreditRatioQuantity) < 1, "disinhibition (tonic excitation) saturates the layer too, so it also cuts its credit");
        Assert.Equal(
            Value(outcome, LayerBalanceShift.Condition(-2), LayerBalanceShift.CreditQuantity) / Value(outcome, LayerBalanceShift.Condition(0), LayerBalanceShift.CreditQuantity),
            Value(outcome, LayerBalanceShift.Condition(-2), LayerBalanceShift.CreditRatioQuantity),
            12);
    }

    [Fact]
    public void The_development_prediction_reports_modularity_for_each_learning_rate()
    {
        using var temp = new TempFolder();
        var outcome = DevelopmentModularity.Run(Context(temp));
        var modularity = outcome.Rows.Where(r => r.Quantity.StartsWith("Leiden modularity", StringComparison.Ordinal)).ToList();
        Assert.Equal(DevelopmentModularity.Rates.Count, modularity.Count);
        // Leiden's partition is at least as good as one community (Q = 0); a connectome pruned to 20% of its synapses
        // has structure for it to find, so each Q must be clearly positive (a sign, NaN or normalisation bug fails here).
        Assert.All(modularity, r => Assert.InRange(r.Mean, 0.05, 1.0));
        // Some weight always crosses between communities, and never all of it.
        Assert.All(outcome.Rows.Except(modularity), r => Assert.InRange(r.Mean, 0.01, 0.99));
    }
}

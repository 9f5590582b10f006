using NeuroSim.Analysis.Predictions;
using NeuroSim.Tests.Support;

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
        var largest = outcome.Rows.Single(r => r.Condition == "adiabatic" && r.Quantity.EndsWith("largest", StringComparison.Ordinal));
        Assert.Equal(24, largest.N);
        Assert.InRange(largest.Mean, 0, AdiabaticRatioTolerance);
        var multirate = outcome.Rows.Single(r => r.Condition == "multirate" && r.Quantity.EndsWith("median", StringComparison.Ordinal));
        Assert.True(multirate.Mean > 1e-3, "continuous time departs from the identity");
    }

    [Fact]
    public void The_retrograde_signal_peaks_near_balance_and_collapses_in_saturation()
    {
        using var temp = new TempFolder();
        var outcome = RetrogradeVersusBalance.Run(Context(temp));
        double Normalized(string condition) => outcome.Rows.Single(r => r.Condition == condition && r.Quantity.StartsWith("retrograde", StringComparison.Ordinal)).Mean;
        double NetInput(string condition) => outcome.Rows.Single(r => r.Condition == condition && r.Quantity == "net input s").Mean;

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
        Assert.Contains("no prediction selected; valid: 1, 2", stderr, StringComparison.Ordinal);
    }
}

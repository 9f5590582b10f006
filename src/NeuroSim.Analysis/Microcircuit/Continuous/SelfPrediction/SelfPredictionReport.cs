using System.Text;
using NeuroSim.Experiments;
using static NeuroSim.Analysis.Microcircuit.Continuous.ExperimentFiles;

namespace NeuroSim.Analysis.Microcircuit.Continuous.SelfPrediction;

/// <summary>The self-prediction report: self-prediction.csv (per pattern), figures/self-prediction.svg, summary.md, and the numbers in the manifest.</summary>
public sealed class SelfPredictionReport(SelfPredictionOptions options, bool png = false) : IRunReport
{
    public static readonly string[] Header = ["pattern", "time_ms", "apical_sq", "tracking_sq", "lateral_distance"];

    /// <summary>The result read by the last report written (for the command's output).</summary>
    public SelfPredictionResult? Result { get; private set; }

    public RunReportOutput Write(string folder, string runName)
    {
        var result = SelfPredictionResult.Read(folder, options);
        Result = result;
        WriteTable(
            Path.Combine(folder, "self-prediction.csv"),
            Header,
            result.Points.Select(p => new[] { p.Pattern, p.Pattern * SelfPredictionOptions.PatternMs, p.ApicalSquared, p.TrackingSquared, p.LateralDistance }));
        WriteFigure(Figure(result), Path.Combine(folder, "figures", "self-prediction.svg"), png);
        File.WriteAllText(Path.Combine(folder, "summary.md"), Summary(result));
        return new RunReportOutput(
            new Dictionary<string, object>
            {
                ["initial_apical_sq"] = result.InitialApical,
                ["final_apical_sq"] = result.FinalApical,
                ["final_over_initial"] = result.FinalApical / result.InitialApical,
                ["initial_tracking_sq"] = result.Points[0].TrackingSquared,
                ["final_tracking_sq"] = result.FinalTracking,
                ["initial_lateral_distance"] = result.InitialLateralDistance,
                ["final_lateral_distance"] = result.Points[^1].LateralDistance,
            },
            new Dictionary<string, string>
            {
                ["self-prediction.csv"] = "per pattern: mean ||v_A||^2 and ||u_out - u_I||^2 over its last 20 ms (1 ms samples), ||W_PI + B|| / ||B|| at its end",
                ["figures/self-prediction.svg"] = "the three measures against the pattern number",
                ["summary.md"] = "settings and measured numbers",
            });
    }

    public static Figure Figure(SelfPredictionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var xs = result.Points.Select(p => (double)p.Pattern).ToArray();
        var figure = new Figure(3, 1)
        {
            Width = 760,
            Height = 720,
            ShareX = true,
            Title = "Learning the self-predicting state from random weights",
            Subtitle = Invariant($"{string.Join("-", result.Options.Sizes)} logistic, no target, sigma {result.Options.Sigma} ({result.Options.Noise}), eta_IP 2.375e-4, eta_PI 5e-4, {SelfPredictionOptions.PatternMs} ms per pattern"),
            Footnote = Invariant($"Squared norms are averaged over the last {SelfPredictionOptions.WindowMs} ms of each pattern, sampled every 1 ms (log scale). Reference 6.5: ||v_A||^2 ~28 -> ~0.04 within 50 patterns; ||W_PI + B||/||B|| barely moves."),
        };
        AddPanel(figure, 0, "||v_A||^2", xs, result.Points.Select(p => p.ApicalSquared), Palette.Vermillion, log: true);
        AddPanel(figure, 1, "||u_out - u_I||^2", xs, result.Points.Select(p => p.TrackingSquared), Palette.Blue, log: true);
        AddPanel(figure, 2, "||W_PI + B|| / ||B||", xs, result.Points.Select(p => p.LateralDistance), Palette.BluishGreen, log: false);
        return figure;
    }

    private static void AddPanel(Figure figure, int row, string label, double[] xs, IEnumerable<double> ys, string color, bool log)
    {
        var panel = new Panel { Legend = LegendPosition.None };
        panel.X.Label = "pattern";
        panel.X.Tight = true;
        panel.Y.Label = label;
        panel.Y.Log = log;
        panel.Add(new LineSeries(label, xs, [.. ys], color, 1.4));
        figure.Add(row, 0, panel);
    }

    public static string Summary(SelfPredictionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var o = result.Options;
        var p = result.Points;
        var text = new StringBuilder();
        text.AppendLine("# Learning the self-predicting state (continuous time)");
        text.AppendLine();
        text.AppendLine(Invariant($"Network {string.Join("-", o.Sizes)} (models/microcircuit-self-predict.yaml), logistic transfer, all weights U(-1, 1), inputs U(0, 1) held {SelfPredictionOptions.PatternMs} ms each, no target."));
        text.AppendLine(Invariant($"Plastic: W_IP (eta 2.375e-4) and W_PI (eta 5e-4); W_up and B fixed. Noise sigma {o.Sigma}, convention {o.Noise} ({(o.Noise == "per-step" ? "sigma per step: sigma dt N(0,1) per step, as the reimplementations" : "sigma per sqrt(ms): sigma sqrt(dt) N(0,1) per step")}). Euler, dt 0.1 ms, tau_w 30 ms, tau_0 3 ms. Seed {o.Seed}."));
        text.AppendLine();
        text.AppendLine(Invariant($"Measures are averaged over the 1 ms samples in the last {SelfPredictionOptions.WindowMs} ms of each pattern; \"final\" is the mean over the last tenth of the patterns."));
        text.AppendLine();
        text.AppendLine("| measure | pattern 1 | pattern 10 | pattern 50 | pattern 200 | final |");
        text.AppendLine("|---|---|---|---|---|---|");
        text.AppendLine(Row("||v_A||^2", p, q => q.ApicalSquared, result.FinalApical));
        text.AppendLine(Row("||u_out - u_I||^2", p, q => q.TrackingSquared, result.FinalTracking));
        text.AppendLine(Row("||W_PI + B|| / ||B||", p, q => q.LateralDistance, p[^1].LateralDistance));
        text.AppendLine();
        var below = result.FirstBelow(0.02);
        text.AppendLine(Invariant($"- Final / initial ||v_A||^2 = {Brief(result.FinalApical / result.InitialApical)} (criterion: below 0.02) -> **{(result.FinalApical < 0.02 * result.InitialApical ? "met" : "not met")}**; first pattern below 2% of the initial value: {(below is null ? "none" : below.ToString())}."));
        text.AppendLine(Invariant($"- ||W_PI + B|| / ||B||: {Brief(result.InitialLateralDistance)} at the start -> {Brief(p[^1].LateralDistance)} after {p.Count} patterns (the reference's 1.43 -> 1.29: cancellation only needs to hold on the visited rates)."));
        text.AppendLine(Invariant($"- Reference 6.5 (an independent check with the same settings): ||v_A||^2 ~28 -> ~0.04 within 50 patterns, noise floor 0.05-0.3; ||u_2 - u_I||^2 ~17 -> 0.1-0.5 within 200-400 patterns."));
        return text.ToString();
    }

    private static string Row(string name, IReadOnlyList<SelfPredictionPoint> points, Func<SelfPredictionPoint, double> value, double final)
    {
        string At(int pattern) => pattern <= points.Count ? Brief(value(points[pattern - 1])) : "-";
        return $"| {name.Replace("|", "\\|", StringComparison.Ordinal)} | {At(1)} | {At(10)} | {At(50)} | {At(200)} | {Brief(final)} |";
    }
}

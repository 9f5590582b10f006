using System.Text;
using NeuroSim.Experiments;
using static NeuroSim.Analysis.Microcircuit.Continuous.ExperimentFiles;

namespace NeuroSim.Analysis.Microcircuit.Continuous.Regression;

/// <summary>One test-error measurement.</summary>
/// <param name="Pattern">Training patterns seen so far.</param>
/// <param name="TestError">Mean ||r_out - r_trgt||^2 over the held-out patterns, each at the end of its 100 ms (sigma 0, plasticity and nudging off).</param>
/// <param name="Average">Exponential moving average of <paramref name="TestError"/>.</param>
public readonly record struct RegressionPoint(int Pattern, double TestError, double Average);

/// <summary>A learner's test-error curve; <paramref name="DivergedAt"/> is the first test block (in training patterns) its run did not reach, or null.</summary>
public sealed record RegressionCurve(RegressionLearner Learner, IReadOnlyList<RegressionPoint> Points, int? DivergedAt = null)
{
    /// <summary>Mean raw test error over the last fifth of the evaluations (at least one); NaN when the learner diverged.</summary>
    public double FinalError => DivergedAt is not null || Points.Count == 0 ? double.NaN : Points.Skip(Points.Count - Math.Max(1, Points.Count / 5)).Average(p => p.TestError);

    public double InitialError => Points.Count == 0 ? double.NaN : Points[0].TestError;

    /// <summary>
    /// The curve of the run in <paramref name="folder"/>: test block b starts at b (T + E) x 100 ms (T test patterns,
    /// E training patterns between blocks); its test error is the mean of output_rate_error_sq at the ends of its T
    /// test patterns (monitors/test.csv, sampled every 100 ms).
    /// </summary>
    public static RegressionCurve Read(string folder, RegressionLearner learner, RegressionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var test = RunData.Open(folder).Monitor("test");
        var errors = new Dictionary<long, double>();
        var times = test.Numbers("time_ms");
        var values = test.Numbers("output_rate_error_sq");
        for (var k = 0; k < times.Length; k++)
        {
            errors[(long)Math.Round(times[k])] = values[k];
        }

        var points = new List<RegressionPoint>();
        var average = double.NaN;
        var blockMs = (long)((options.TestPatterns + options.EvaluateEvery) * RegressionOptions.PatternMs);
        for (var b = 0; b < options.Evaluations; b++)
        {
            var samples = Enumerable.Range(1, options.TestPatterns).Select(j => errors.GetValueOrDefault((b * blockMs) + (long)(j * RegressionOptions.PatternMs), double.NaN)).ToArray();
            var error = samples.Average();
            if (!double.IsFinite(error))
            {
                return new RegressionCurve(learner, points, b * options.EvaluateEvery);
            }

            average = double.IsNaN(average) ? error : average + (options.AverageFactor * (error - average));
            points.Add(new RegressionPoint(b * options.EvaluateEvery, error, average));
        }

        return new RegressionCurve(learner, points);
    }
}

/// <summary>Both learners' curves, read from the outer folder's full/ and shallow/ runs.</summary>
public sealed record RegressionResult(RegressionOptions Options, RegressionCurve Full, RegressionCurve Shallow)
{
    public static RegressionResult Read(string folder, RegressionOptions options) => new(
        options,
        RegressionCurve.Read(Path.Combine(folder, RegressionExperiment.FolderName(RegressionLearner.Full)), RegressionLearner.Full, options),
        RegressionCurve.Read(Path.Combine(folder, RegressionExperiment.FolderName(RegressionLearner.Shallow)), RegressionLearner.Shallow, options));
}

/// <summary>The comparison of the two learners: regression.csv, figures/regression.svg, summary.md, manifest.json of the outer folder.</summary>
public sealed class RegressionReport(RegressionOptions options, bool png = false)
{
    public static readonly string[] Header = ["pattern", "training_ms", "full_test", "shallow_test", "full_test_avg", "shallow_test_avg", "equivalent_patterns"];

    public void Write(string folder, string status, IReadOnlyList<RunOutcome> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var result = RegressionResult.Read(folder, options);
        WriteTable(Path.Combine(folder, "regression.csv"), Header, Rows(result));
        WriteFigure(Figure(result), Path.Combine(folder, "figures", "regression.svg"), png);
        File.WriteAllText(Path.Combine(folder, "summary.md"), Summary(result));
        new RunManifest
        {
            Command = $"neurosim {RegressionExperiment.CommandName}",
            Seed = options.Seed,
            Status = status,
            StartedUtc = DateTimeOffset.UtcNow,
            WallSeconds = runs.Sum(r => r.WallSeconds),
            Settings = new Dictionary<string, object>
            {
                ["patterns"] = options.Patterns,
                ["pattern_ms"] = RegressionOptions.PatternMs,
                ["evaluate_every"] = options.EvaluateEvery,
                ["test_patterns"] = options.TestPatterns,
                ["sigma"] = options.Sigma,
                ["noise_convention"] = options.Noise,
                ["init_scale"] = options.WeightScale,
                ["published_rates"] = options.PublishedRates,
                ["rate_scale"] = options.RateScale,
                ["eta_up"] = new[] { options.EtaUpHidden, options.EtaUpOutput },
                ["eta_ip"] = options.EtaPyramidalToInterneuron,
                ["eta_pi"] = options.EtaInterneuronToPyramidal,
                ["model_files"] = new[] { RegressionExperiment.ModelFile(RegressionLearner.Full), RegressionExperiment.ModelFile(RegressionLearner.Shallow) },
                ["protocol_file"] = RegressionExperiment.ProtocolFile,
            },
            Results = new Dictionary<string, object>
            {
                ["full_initial"] = result.Full.InitialError,
                ["full_final"] = result.Full.FinalError,
                ["full_diverged_at_pattern"] = (object?)result.Full.DivergedAt ?? "no",
                ["shallow_initial"] = result.Shallow.InitialError,
                ["shallow_final"] = result.Shallow.FinalError,
                ["shallow_diverged_at_pattern"] = (object?)result.Shallow.DivergedAt ?? "no",
                ["full_wall_seconds"] = runs[0].WallSeconds,
                ["shallow_wall_seconds"] = runs[1].WallSeconds,
            },
            Files = new Dictionary<string, string>
            {
                ["full/"] = "the run folder of the full microcircuit (models/microcircuit-regression.yaml)",
                ["shallow/"] = "the run folder of the shallow learner (models/microcircuit-regression-shallow.yaml)",
                ["regression.csv"] = "per evaluation: test error (mean ||r_out - r_trgt||^2 over the held-out patterns at the end of each, sigma 0, plasticity and nudging off) of both learners and its moving average; equivalent_patterns = pattern x rate_scale",
                ["figures/regression.svg"] = "both learning curves",
                ["summary.md"] = "settings and final errors",
            },
        }.Save(Path.Combine(folder, "manifest.json"));
    }

    /// <summary>One row per evaluation; a learner that diverged has NaN from then on.</summary>
    private static IEnumerable<double[]> Rows(RegressionResult result)
    {
        var o = result.Options;
        var full = result.Full.Points;
        var shallow = result.Shallow.Points;
        var longer = full.Count >= shallow.Count ? full : shallow;
        for (var k = 0; k < longer.Count; k++)
        {
            var f = k < full.Count ? full[k] : new RegressionPoint(longer[k].Pattern, double.NaN, double.NaN);
            var s = k < shallow.Count ? shallow[k] : new RegressionPoint(longer[k].Pattern, double.NaN, double.NaN);
            yield return [longer[k].Pattern, longer[k].Pattern * RegressionOptions.PatternMs, f.TestError, s.TestError, f.Average, s.Average, o.EquivalentPatterns(longer[k].Pattern)];
        }
    }

    public static Figure Figure(RegressionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var o = result.Options;
        var figure = new Figure(1, 1)
        {
            Width = 780,
            Height = 520,
            Title = "Nonlinear regression (Fig. 2): dendritic microcircuit vs shallow learner",
            Subtitle = Invariant($"student 30-50-10, teacher 30-20-10 (k10 2, k21 10), soft-ReLU, sigma {o.Sigma}, {RegressionOptions.PatternMs} ms per pattern, online"),
            Footnote = Invariant($"Test error: mean ||r_out - r_trgt||^2 over {o.TestPatterns} held-out patterns, each at the end of its {RegressionOptions.PatternMs} ms with sigma 0, plasticity and nudging off; thin: every evaluation, thick: moving average (factor {o.AverageFactor}). Shallow: only W_up of the top layer learns."),
        };
        var panel = new Panel { Legend = LegendPosition.TopRight };
        panel.X.Label = o.RateScale == 1 ? "training patterns" : Invariant($"training patterns x {o.RateScale} (the rate scale): patterns at the unscaled rates");
        panel.X.Tight = true;
        panel.Y.Label = "test error ||r_out - r_trgt||^2";
        panel.Y.Min = 0;
        foreach (var (curve, color, name) in new[] { (result.Full, Palette.Blue, "microcircuit (all layers)"), (result.Shallow, Palette.Vermillion, "shallow (top layer only)") })
        {
            var xs = curve.Points.Select(p => o.EquivalentPatterns(p.Pattern)).ToArray();
            panel.Add(new LineSeries(null, xs, [.. curve.Points.Select(p => p.TestError)], color, 0.7));
            panel.Add(new LineSeries(name, xs, [.. curve.Points.Select(p => p.Average)], color, 2.0));
        }

        figure.Add(0, 0, panel);
        return figure;
    }

    public static string Summary(RegressionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var o = result.Options;
        var full = result.Full;
        var shallow = result.Shallow;
        var text = new StringBuilder();
        text.AppendLine("# Nonlinear regression (paper Fig. 2, continuous time)");
        text.AppendLine();
        text.AppendLine(Invariant($"Student 30-50-10 (10 interneurons; models/microcircuit-regression.yaml), scaled soft-ReLU (gamma 0.1, beta 1, theta 3), all weights U(-{o.WeightScale}, {o.WeightScale}), top-down B fixed random, W_PI plastic."));
        text.AppendLine(Invariant($"Teacher 30-20-10 (protocols/microcircuit-regression.yaml): r_trgt = phi(10 W21 phi(2 W10 r0)), weights and inputs U(-1, 1); the output is nudged toward u_trgt = phi^-1(r_trgt)."));
        text.AppendLine(Invariant($"Online: {o.Patterns} fresh patterns of {RegressionOptions.PatternMs} ms ({o.Patterns * RegressionOptions.PatternMs / 1000} s simulated per learner), target on throughout, no phases. Rates eta_up {o.EtaUpHidden} (hidden) / {o.EtaUpOutput} (output), eta_IP {o.EtaPyramidalToInterneuron}, eta_PI {o.EtaInterneuronToPyramidal} ({(o.PublishedRates ? "the published regression rates, reference 5.2" : "NOT the published regression rates of reference 5.2 (1.1875e-3 / 5e-4, 1.1875e-3, 5.9375e-3)")}){RateScaleNote(o)}; sigma {o.Sigma} ({o.Noise}); Euler dt 0.1 ms, tau_w 30 ms, tau_0 3 ms. Seed {o.Seed}."));
        text.AppendLine(Invariant($"Shallow learner (models/microcircuit-regression-shallow.yaml): the same circuit, weights, patterns and noise, but eta_up of the hidden layer, eta_IP and eta_PI are 0."));
        text.AppendLine(Invariant($"Test error: mean ||r_out - r_trgt||^2 over {o.TestPatterns} held-out patterns, each held {RegressionOptions.PatternMs} ms (through the 3 ms input filter) with sigma 0, plasticity off and nudging off, before training and every {o.EvaluateEvery} patterns. \"Final\" = mean over the last fifth of the evaluations."));
        text.AppendLine();
        text.AppendMarkdownTable(
            ["learner", "initial", "final", "final / initial"],
            new[] { (Name: "microcircuit (all layers)", Curve: full), (Name: "shallow (top layer only)", Curve: shallow) }.Select(learner => new[]
            {
                learner.Name,
                Brief(learner.Curve.InitialError),
                learner.Curve.DivergedAt is { } at ? Invariant($"diverged before the test after pattern {at}") : Brief(learner.Curve.FinalError),
                Brief(learner.Curve.FinalError / learner.Curve.InitialError),
            }));

        text.AppendLine();
        var ratio = full.FinalError / shallow.FinalError;
        var verdict = double.IsNaN(ratio)
            ? "A learner diverged (its state stopped being finite; its run folder says where), so the two cannot be compared at this length."
            : ratio < 0.8
            ? Invariant($"At this length the full microcircuit beats the shallow learner: its final test error is {Brief(ratio)} of the shallow one.")
            : ratio <= 1.25
                ? Invariant($"At this length the full microcircuit does **not** clearly beat the shallow learner (final error ratio full/shallow {Brief(ratio)}).")
                : Invariant($"At this length the full microcircuit is **worse** than the shallow learner (final error ratio full/shallow {Brief(ratio)}).");
        text.AppendLine(verdict);
        text.AppendLine();
        text.AppendLine("The paper reports that the full model clearly beats the shallow learner (its Fig. 2C: y axis 0-0.1, x axis \"Training trial (x10^7)\" with ticks 0, 0.5, 1, so up to about 10^7 patterns).");
        return text.ToString();
    }

    private static string RateScaleNote(RegressionOptions o) => o.RateScale == 1
        ? string.Empty
        : Invariant($", each times {o.RateScale} (--rate-scale): {o.Patterns} patterns here stand for {o.EquivalentPatterns(o.Patterns)} at the unscaled rates while the weights change little per pattern");
}

using System.Text;
using NeuroSim.Core.Monitoring;
using NeuroSim.Core.RunFolders;
using NeuroSim.Plotting.Data;
using NeuroSim.Plotting.Layers;
using NeuroSim.Plotting.Layout;
using NeuroSim.Plotting.Recipes;
using static NeuroSim.Analysis.Microcircuit.Continuous.ExperimentFiles;

namespace NeuroSim.Analysis.Microcircuit.Continuous.Association;

/// <summary>
/// Runs the association protocol into a run folder (docs/run-folder.md): monitors/traces.csv (compartments of
/// the traced neurons), monitors/errors.csv (the three squared norms), epochs.csv, figures/association.svg,
/// plots/apical.svg and plots/apical-onset.svg (the `neurosim plot --kind apical` figure of the whole run and
/// of the target onset), summary.md, manifest.json.
/// </summary>
public static class AssociationReport
{
    /// <summary>Times after target onset at which the reference (6.6) quotes the output error (s).</summary>
    public static readonly double[] CheckpointsS = [2.5, 5, 10, 15];

    /// <summary>Averaging window of the quoted numbers (ms).</summary>
    public const double AverageMs = 100;

    public static AssociationResult Run(AssociationOptions options, RunFolder run, bool png)
    {
        ArgumentNullException.ThrowIfNull(options);
        var started = DateTimeOffset.UtcNow;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Directory.CreateDirectory(run.PathOf("monitors"));
        AssociationResult result;
        using (var traces = new CsvTableWriter(Path.Combine(run.WorkingPath, "monitors", "traces.csv"), AssociationExperiment.TraceHeader(options)))
        {
            result = AssociationExperiment.Run(options, traces);
        }

        WriteTable(
            Path.Combine(run.WorkingPath, "monitors", "errors.csv"),
            ["time_ms", "output_error_sq", "apical_sq", "tracking_sq"],
            result.TimeMs.Select((t, k) => new[] { t, result.OutputError[k], result.Apical[k], result.Tracking[k] }));
        var epochs = new List<string> { "start_ms,end_ms,kind,label" };
        epochs.Add(Invariant($"0,{result.OnsetMs:R},present,no target"));
        epochs.Add(Invariant($"{result.OnsetMs:R},{result.OffsetMs:R},present,target on"));
        if (options.AfterMs > 0)
        {
            epochs.Add(Invariant($"{result.OffsetMs:R},{options.TotalMs:R},present,target off"));
        }

        File.WriteAllLines(run.PathOf("epochs.csv"), epochs);
        WriteFigure(ErrorFigure(result), Path.Combine(run.WorkingPath, "figures", "association.svg"), png);
        var data = RunData.Open(run.WorkingPath, Path.GetFileName(run.FinalPath));
        var recipe = new ApicalRecipe();
        WriteFigure(FigureRecipes.Build(recipe, [data], new PlotOptions()), Path.Combine(run.WorkingPath, "plots", "apical.svg"), png);
        var onset = new PlotOptions { FromMs = Math.Max(0, result.OnsetMs - 50), ToMs = Math.Min(options.TotalMs, result.OnsetMs + 250) };
        WriteFigure(FigureRecipes.Build(recipe, [data], onset), Path.Combine(run.WorkingPath, "plots", "apical-onset.svg"), png);
        var wall = watch.Elapsed.TotalSeconds;
        File.WriteAllText(run.PathOf("summary.md"), Summary(result, wall));
        new RunManifest
        {
            Command = "neurosim microcircuit association",
            Seed = options.Seed,
            Status = "complete",
            StartedUtc = started,
            WallSeconds = wall,
            Settings = new Dictionary<string, object>
            {
                ["sizes"] = string.Join("-", options.Sizes),
                ["settle_ms"] = options.SettleMs,
                ["target_ms"] = options.TargetMs,
                ["after_ms"] = options.AfterMs,
                ["sigma"] = options.Sigma,
                ["noise_convention"] = options.Noise.ToString(),
                ["rates"] = "SingleAssociation (Fig. 1): eta_up 1.1875e-3 / 5e-4, eta_IP 1.1875e-3, eta_PI 5e-4",
                ["transfer"] = "logistic",
                ["sample_ms"] = options.SampleMs,
                ["dt_ms"] = ContinuousDriver.DefaultDtMs,
            },
            Results = Checkpoints(result).ToDictionary(c => c.Name, c => (object)c.Value),
            Files = new Dictionary<string, string>
            {
                ["monitors/traces.csv"] = "traced neurons: u, vB (basal prediction), vA, td (top-down B r), lat (W_PI r_I) of L1; u, vB, tgt, uI (interneuron partner) of L2",
                ["monitors/errors.csv"] = "||u_out - u_trgt||^2, ||v_A||^2, ||u_out - u_I||^2",
                ["epochs.csv"] = "no target / target on / target off",
                ["figures/association.svg"] = "the three squared norms against time",
                ["plots/apical.svg"] = "neurosim plot --kind apical of the whole run",
                ["plots/apical-onset.svg"] = "the same around the target onset",
                ["summary.md"] = "settings and numbers against reference 6.6",
            },
        }.Save(run.PathOf("manifest.json"));
        run.Commit();
        return result;
    }

    /// <summary>The quoted numbers: 100 ms means before onset, right after it, at the checkpoints and at the end.</summary>
    public static IReadOnlyList<(string Name, double Value)> Checkpoints(AssociationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var list = new List<(string, double)>
        {
            ("output_error_before_onset", result.Mean(result.OutputError, result.OnsetMs - AverageMs, result.OnsetMs)),
            ("apical_before_onset", result.Mean(result.Apical, result.OnsetMs - AverageMs, result.OnsetMs)),
            ("tracking_before_onset", result.Mean(result.Tracking, result.OnsetMs - AverageMs, result.OnsetMs)),
            ("output_error_after_onset", result.Mean(result.OutputError, result.OnsetMs, result.OnsetMs + AverageMs)),
            ("apical_after_onset", result.Mean(result.Apical, result.OnsetMs, result.OnsetMs + AverageMs)),
            ("tracking_after_onset", result.Mean(result.Tracking, result.OnsetMs, result.OnsetMs + AverageMs)),
        };
        foreach (var s in CheckpointsS.Where(s => s * 1000 <= result.Options.TargetMs))
        {
            var t = result.OnsetMs + (s * 1000);
            list.Add(($"output_error_at_{s:0.#}s", result.Mean(result.OutputError, t - AverageMs, t)));
            list.Add(($"apical_at_{s:0.#}s", result.Mean(result.Apical, t - AverageMs, t)));
            list.Add(($"tracking_at_{s:0.#}s", result.Mean(result.Tracking, t - AverageMs, t)));
        }

        list.Add(("output_error_end_of_target", result.Mean(result.OutputError, result.OffsetMs - AverageMs, result.OffsetMs)));
        list.Add(("apical_end_of_target", result.Mean(result.Apical, result.OffsetMs - AverageMs, result.OffsetMs)));
        if (result.Options.AfterMs > 0)
        {
            var end = result.Options.TotalMs;
            list.Add(("output_error_target_off", result.Mean(result.OutputError, end - Math.Min(AverageMs, result.Options.AfterMs), end)));
            list.Add(("apical_target_off", result.Mean(result.Apical, end - Math.Min(AverageMs, result.Options.AfterMs), end)));
        }

        return [.. list.Select(c => (c.Item1.Replace('.', '_'), c.Item2))];
    }

    public static Figure ErrorFigure(AssociationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var seconds = result.TimeMs.Select(t => t / 1000).ToArray();
        var figure = new Figure(3, 1)
        {
            Width = 820,
            Height = 720,
            ShareX = true,
            Title = "Single-pattern association (Fig. 1): the apical error is explained away",
            Subtitle = Invariant($"{string.Join("-", result.Options.Sizes)} logistic, SPS-initialised, one input, u_trgt ~ U(-1,1), Fig. 1 rates, sigma {result.Options.Sigma} ({result.Options.Noise})"),
            Footnote = "Log scale, every sample (exact zeros of the noise-free start are left out). Shading: no target / target on / target off. Reference 6.6: ||u_2 - u_trgt||^2 2.73 -> 0.86 (2.5 s) -> 0.26 (5 s) -> 0.019 (10 s) -> 0.008 (15 s); ||v_A||^2 0.12 -> 0.002.",
        };
        var windows = new List<ShadedWindow>
        {
            new(0, result.OnsetMs / 1000, Palette.Tint(0), "no target"),
            new(result.OnsetMs / 1000, result.OffsetMs / 1000, Palette.Tint(1), "target on"),
        };
        if (result.Options.AfterMs > 0)
        {
            windows.Add(new(result.OffsetMs / 1000, result.Options.TotalMs / 1000, Palette.Tint(2), "target off"));
        }

        foreach (var entry in windows.Select(w => new LegendEntry(w.Label!, w.Color, LegendMark.Swatch)))
        {
            figure.HeaderLegend.Add(entry);
        }

        (string Label, double[] Values, string Color)[] rows =
        [
            ("||u_out - u_trgt||^2", result.OutputError, Palette.Vermillion),
            ("||v_A||^2", result.Apical, Palette.ReddishPurple),
            ("||u_out - u_I||^2", result.Tracking, Palette.BluishGreen),
        ];
        for (var r = 0; r < rows.Length; r++)
        {
            var panel = new Panel { Legend = LegendPosition.None };
            panel.X.Label = "time (s)";
            panel.X.Tight = true;
            panel.Y.Label = rows[r].Label;
            panel.Y.Log = true;
            panel.Add(new ShadedWindows([.. windows.Select(w => w with { Label = null })], 0.28));
            panel.Add(new LineSeries(rows[r].Label, seconds, [.. rows[r].Values.Select(v => v > 0 ? v : double.NaN)], rows[r].Color, 1.0));
            figure.Add(r, 0, panel);
        }

        return figure;
    }

    public static string Summary(AssociationResult result, double wallSeconds)
    {
        ArgumentNullException.ThrowIfNull(result);
        var o = result.Options;
        var c = Checkpoints(result).ToDictionary(x => x.Name, x => x.Value);
        var text = new StringBuilder();
        text.AppendLine("# Single-pattern association (paper Fig. 1, continuous time)");
        text.AppendLine();
        text.AppendLine(Invariant($"Network {string.Join("-", o.Sizes)}, logistic, weights U(-{o.WeightScale}, {o.WeightScale}) set to the analytic self-predicting state; one input U(0, 1), one target potential u_trgt ~ U(-1, 1)."));
        text.AppendLine(Invariant($"Protocol: {o.SettleMs} ms input alone, {o.TargetMs / 1000} s target on (output nudged, g_som 0.8), {o.AfterMs} ms target off; plasticity on throughout with the Fig. 1 rates (eta_up 1.1875e-3 / 5e-4, eta_IP 1.1875e-3, eta_PI 5e-4, tau_w 30 ms). Noise sigma {o.Sigma}, {o.Noise}. Euler dt 0.1 ms. Seed {o.Seed}."));
        text.AppendLine();
        text.AppendLine(Invariant($"Numbers are means over {AverageMs} ms windows ending at the time given (\"after onset\": the first {AverageMs} ms with the target on)."));
        text.AppendLine();
        text.AppendLine("| time | ‖u_out − u_trgt‖² | ‖v_A‖² | ‖u_out − u_I‖² |");
        text.AppendLine("|---|---|---|---|");
        text.AppendLine(Invariant($"| before onset | {Brief(c["output_error_before_onset"])} | {Brief(c["apical_before_onset"])} | {Brief(c["tracking_before_onset"])} |"));
        text.AppendLine(Invariant($"| first 100 ms of target | {Brief(c["output_error_after_onset"])} | {Brief(c["apical_after_onset"])} | {Brief(c["tracking_after_onset"])} |"));
        foreach (var s in CheckpointsS.Where(s => s * 1000 <= o.TargetMs))
        {
            var key = Invariant($"{s:0.#}s").Replace('.', '_');
            text.AppendLine(Invariant($"| {s} s after onset | {Brief(c["output_error_at_" + key])} | {Brief(c["apical_at_" + key])} | {Brief(c["tracking_at_" + key])} |"));
        }

        text.AppendLine(Invariant($"| end of target | {Brief(c["output_error_end_of_target"])} | {Brief(c["apical_end_of_target"])} | - |"));
        if (o.AfterMs > 0)
        {
            text.AppendLine(Invariant($"| target off (nudging off) | {Brief(c["output_error_target_off"])} | {Brief(c["apical_target_off"])} | - |"));
        }

        text.AppendLine();
        text.AppendLine("Reference 6.6 (independent check, same settings): ‖u_2 − u_trgt‖² 2.73 → 0.86 (2.5 s) → 0.26 (5 s) → 0.019 (10 s) → ~0.008 (15 s); ‖v_A‖² 0.12 → ~0.002; ‖u_2 − u_I‖² 0.51 → 0.006.");
        text.AppendLine();
        text.AppendLine("Figures: figures/association.svg (the three norms), plots/apical.svg and plots/apical-onset.svg (`neurosim plot RUN --kind apical`: soma, basal prediction, target, apical potential, interneuron prediction vs top-down input per neuron).");
        text.AppendLine();
        text.AppendLine(Invariant($"Wall time {wallSeconds:F1} s."));
        return text.ToString();
    }
}

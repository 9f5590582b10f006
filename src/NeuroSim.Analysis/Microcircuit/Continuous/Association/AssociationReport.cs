using System.Text;
using NeuroSim.Experiments;
using NeuroSim.Plotting.Data;
using NeuroSim.Plotting.Recipes;
using static NeuroSim.Analysis.Microcircuit.Continuous.ExperimentFiles;

namespace NeuroSim.Analysis.Microcircuit.Continuous.Association;

/// <summary>The sampled error measures of an association run, read from its monitors/errors.csv.</summary>
/// <param name="Options">The settings of the run.</param>
/// <param name="TimeMs">Sample times.</param>
/// <param name="OutputError">||u_out - u_trgt||^2 (against the target once it is set).</param>
/// <param name="Apical">||v_A||^2 of the hidden layer.</param>
/// <param name="Tracking">||u_out - u_I||^2.</param>
public sealed record AssociationResult(AssociationOptions Options, double[] TimeMs, double[] OutputError, double[] Apical, double[] Tracking)
{
    /// <summary>The measures of the run in <paramref name="folder"/>.</summary>
    public static AssociationResult Read(string folder, AssociationOptions options)
    {
        var errors = RunData.Open(folder).Monitor("errors");
        return new AssociationResult(options, errors.Numbers("time_ms"), errors.Numbers("output_error_sq"), errors.Numbers("apical_sq"), errors.Numbers("tracking_sq"));
    }

    /// <summary>Mean of <paramref name="series"/> over samples with time in (from, to].</summary>
    public double Mean(double[] series, double fromMs, double toMs)
    {
        ArgumentNullException.ThrowIfNull(series);
        double sum = 0;
        var count = 0;
        for (var k = 0; k < TimeMs.Length; k++)
        {
            if (TimeMs[k] > fromMs && TimeMs[k] <= toMs)
            {
                sum += series[k];
                count++;
            }
        }

        return count == 0 ? double.NaN : sum / count;
    }
}

/// <summary>
/// The association report (paper Fig. 1, reference 6.6), from the run's monitors: figures/association.svg (the three
/// squared norms), plots/apical.svg and plots/apical-onset.svg (`neurosim plot --kind apical` of the whole run and of
/// the target onset), summary.md, and the quoted numbers in the manifest.
/// </summary>
public sealed class AssociationReport(AssociationOptions options, bool png = false) : IRunReport
{
    /// <summary>Times after target onset at which the reference (6.6) quotes the output error (s).</summary>
    public static readonly double[] CheckpointsS = [2.5, 5, 10, 15];

    /// <summary>Averaging window of the quoted numbers (ms).</summary>
    public const double AverageMs = 100;

    /// <summary>The numbers of the last report written (for the command's output).</summary>
    public IReadOnlyList<(string Name, double Value)> Numbers { get; private set; } = [];

    public RunReportOutput Write(string folder, string runName)
    {
        var result = AssociationResult.Read(folder, options);
        Numbers = Checkpoints(result);
        WriteFigure(ErrorFigure(result), Path.Combine(folder, "figures", "association.svg"), png);
        var data = RunData.Open(folder, runName);
        var recipe = new ApicalRecipe();
        WriteFigure(FigureRecipes.Build(recipe, [data], new PlotOptions()), Path.Combine(folder, "plots", "apical.svg"), png);
        var onset = new PlotOptions { FromMs = Math.Max(0, options.OnsetMs - 50), ToMs = Math.Min(options.TotalMs, options.OnsetMs + 250) };
        WriteFigure(FigureRecipes.Build(recipe, [data], onset), Path.Combine(folder, "plots", "apical-onset.svg"), png);
        File.WriteAllText(Path.Combine(folder, "summary.md"), Summary(result));
        return new RunReportOutput(
            Numbers.ToDictionary(c => c.Name, c => (object)c.Value),
            new Dictionary<string, string>
            {
                ["figures/association.svg"] = "the three squared norms against time",
                ["plots/apical.svg"] = "neurosim plot --kind apical of the whole run",
                ["plots/apical-onset.svg"] = "the same around the target onset",
                ["summary.md"] = "settings and numbers against reference 6.6",
            });
    }

    /// <summary>The quoted numbers: 100 ms means right after onset, at the checkpoints and at the end.</summary>
    public static IReadOnlyList<(string Name, double Value)> Checkpoints(AssociationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var o = result.Options;
        var list = new List<(string, double)>
        {
            ("apical_before_onset", result.Mean(result.Apical, o.OnsetMs - AverageMs, o.OnsetMs)),
            ("tracking_before_onset", result.Mean(result.Tracking, o.OnsetMs - AverageMs, o.OnsetMs)),
            ("output_error_after_onset", result.Mean(result.OutputError, o.OnsetMs, o.OnsetMs + AverageMs)),
            ("apical_after_onset", result.Mean(result.Apical, o.OnsetMs, o.OnsetMs + AverageMs)),
            ("tracking_after_onset", result.Mean(result.Tracking, o.OnsetMs, o.OnsetMs + AverageMs)),
        };
        foreach (var s in CheckpointsS.Where(s => s * 1000 <= o.TargetMs))
        {
            var t = o.OnsetMs + (s * 1000);
            list.Add(($"output_error_at_{s:0.#}s", result.Mean(result.OutputError, t - AverageMs, t)));
            list.Add(($"apical_at_{s:0.#}s", result.Mean(result.Apical, t - AverageMs, t)));
            list.Add(($"tracking_at_{s:0.#}s", result.Mean(result.Tracking, t - AverageMs, t)));
        }

        list.Add(("output_error_end_of_target", result.Mean(result.OutputError, o.OffsetMs - AverageMs, o.OffsetMs)));
        list.Add(("apical_end_of_target", result.Mean(result.Apical, o.OffsetMs - AverageMs, o.OffsetMs)));
        var end = o.TotalMs;
        list.Add(("output_error_target_off", result.Mean(result.OutputError, end - Math.Min(AverageMs, o.AfterMs), end)));
        list.Add(("apical_target_off", result.Mean(result.Apical, end - Math.Min(AverageMs, o.AfterMs), end)));
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
            Subtitle = Invariant($"30-20-10 logistic, SPS-initialised, one input, u_trgt ~ U(-1,1), Fig. 1 rates, sigma {result.Options.Sigma} ({result.Options.Noise})"),
            Footnote = "Log scale, every sample (exact zeros of the noise-free start are left out). Shading: no target / target on / target off. Reference 6.6: ||u_2 - u_trgt||^2 2.73 -> 0.86 (2.5 s) -> 0.26 (5 s) -> 0.019 (10 s) -> 0.008 (15 s); ||v_A||^2 0.12 -> 0.002.",
        };
        var windows = new List<ShadedWindow>
        {
            new(0, result.Options.OnsetMs / 1000, Palette.Tint(0), "no target"),
            new(result.Options.OnsetMs / 1000, result.Options.OffsetMs / 1000, Palette.Tint(1), "target on"),
        };
        windows.Add(new(result.Options.OffsetMs / 1000, result.Options.TotalMs / 1000, Palette.Tint(2), "target off"));

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

    public static string Summary(AssociationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var o = result.Options;
        var c = Checkpoints(result).ToDictionary(x => x.Name, x => x.Value);
        var text = new StringBuilder();
        text.AppendLine("# Single-pattern association (paper Fig. 1, continuous time)");
        text.AppendLine();
        text.AppendLine(Invariant($"Network 30-20-10 (models/microcircuit-association.yaml), logistic, weights U(-1, 1) set to the analytic self-predicting state; one input U(0, 1), one target potential u_trgt ~ U(-1, 1)."));
        text.AppendLine(Invariant($"Protocol: {o.SettleMs} ms input alone, {o.TargetMs / 1000} s target on (output nudged, g_som 0.8), {o.AfterMs} ms target off; plasticity on throughout with the Fig. 1 rates (eta_up 1.1875e-3 / 5e-4, eta_IP 1.1875e-3, eta_PI 5e-4, tau_w 30 ms). Noise sigma {o.Sigma}, {o.Noise}. Euler dt 0.1 ms. Seed {o.Seed}."));
        text.AppendLine();
        text.AppendLine(Invariant($"Numbers are means over {AverageMs} ms windows ending at the time given (\"after onset\": the first {AverageMs} ms with the target on)."));
        text.AppendLine();
        text.AppendLine("| time | ‖u_out − u_trgt‖² | ‖v_A‖² | ‖u_out − u_I‖² |");
        text.AppendLine("|---|---|---|---|");
        text.AppendLine(Invariant($"| before onset | - (no target yet) | {Brief(c["apical_before_onset"])} | {Brief(c["tracking_before_onset"])} |"));
        text.AppendLine(Invariant($"| first 100 ms of target | {Brief(c["output_error_after_onset"])} | {Brief(c["apical_after_onset"])} | {Brief(c["tracking_after_onset"])} |"));
        foreach (var s in CheckpointsS.Where(s => s * 1000 <= o.TargetMs))
        {
            var key = Invariant($"{s:0.#}s").Replace('.', '_');
            text.AppendLine(Invariant($"| {s} s after onset | {Brief(c["output_error_at_" + key])} | {Brief(c["apical_at_" + key])} | {Brief(c["tracking_at_" + key])} |"));
        }

        text.AppendLine(Invariant($"| end of target | {Brief(c["output_error_end_of_target"])} | {Brief(c["apical_end_of_target"])} | - |"));
        text.AppendLine(Invariant($"| target off (nudging off) | {Brief(c["output_error_target_off"])} | {Brief(c["apical_target_off"])} | - |"));

        text.AppendLine();
        text.AppendLine("Reference 6.6 (independent check, same settings): ‖u_2 − u_trgt‖² 2.73 → 0.86 (2.5 s) → 0.26 (5 s) → 0.019 (10 s) → ~0.008 (15 s); ‖v_A‖² 0.12 → ~0.002; ‖u_2 − u_I‖² 0.51 → 0.006.");
        text.AppendLine();
        text.AppendLine("Figures: figures/association.svg (the three norms), plots/apical.svg and plots/apical-onset.svg (`neurosim plot RUN --kind apical`: soma, basal prediction, target, apical potential, interneuron prediction vs top-down input per neuron).");
        return text.ToString();
    }
}

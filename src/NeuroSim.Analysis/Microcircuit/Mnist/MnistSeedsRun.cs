using System.Text;
using NeuroSim.Core.Statistics;

namespace NeuroSim.Analysis.Microcircuit.Mnist;

/// <summary>
/// `neurosim microcircuit mnist --seeds N`: the comparison repeated for seeds 1..N (initial weights, feedback and
/// example order), each a complete run folder seed-K inside the output folder, then the final test errors with
/// their 95% t intervals over seeds and the paired differences to plain BP (seeds.csv, summary.md, manifest.json).
/// A finished seed folder is kept when the command is resumed; an unfinished one continues from its last epoch.
/// </summary>
public static class MnistSeedsRun
{
    private const string Command = "microcircuit mnist";

    /// <summary>The three learners' final test errors of one seed.</summary>
    public sealed record SeedErrors(ulong Seed, double Microcircuit, double Backprop, double Shallow);

    /// <summary>Each learner: its key in the manifest, its name in the texts, its error of a seed.</summary>
    private static readonly (string Key, string Label, Func<SeedErrors, double> Error)[] Learners =
    [
        ("microcircuit", "microcircuit (two-step)", e => e.Microcircuit),
        ("bp", "plain backprop", e => e.Backprop),
        ("shallow", "shallow (no hidden layer)", e => e.Shallow),
    ];

    public static void Run(MnistTwoStepSettings settings, int seeds, Dataset train, Dataset test, RunFolder folder, Action<string> log, Action<int, int>? onBatch = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentOutOfRangeException.ThrowIfLessThan(seeds, 2);
        var started = DateTimeOffset.UtcNow;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var errors = new List<SeedErrors>();
        for (var seed = 1UL; seed <= (ulong)seeds; seed++)
        {
            var path = Path.Combine(folder.WorkingPath, $"seed-{seed}");
            if (RunFolderMarker.Read(path)?.Status != RunStatus.Complete)
            {
                using var child = RunFolder.Open(Command, path, new RunFolderOptions { Policy = PartialFolderPolicy.Continue });
                MnistTwoStepRun.Run(new MnistTwoStepExperiment(settings with { Seed = seed }, train, test), child, log, onBatch);
            }
            else
            {
                RequireSameRun(path, settings with { Seed = seed }, train.Count, test.Count);
                log($"seed {seed}: complete in {path}, kept");
            }

            errors.Add(FinalErrors(seed, Path.Combine(path, "learning.csv")));
        }

        using (var csv = new CsvTableWriter(folder.PathOf("seeds.csv"), ["seed", "microcircuit_test_error", "bp_test_error", "shallow_test_error"]))
        {
            foreach (var e in errors)
            {
                csv.Write((long)e.Seed).Write(e.Microcircuit).Write(e.Backprop).Write(e.Shallow);
                csv.EndRow();
            }
        }

        var gap = PairedEffect.Difference([.. errors.Select(e => e.Microcircuit)], [.. errors.Select(e => e.Backprop)]);
        File.WriteAllText(folder.PathOf("summary.md"), Summary(settings, errors, gap, train.Count, test.Count));
        var results = new Dictionary<string, object>();
        var line = new List<string>();
        foreach (var (key, label, error) in Learners)
        {
            var (mean, half, _) = MeanInterval.Of(errors.Select(error));
            results[$"{key}_test_error_mean"] = mean;
            results[$"{key}_test_error_ci95_half_width"] = half;
            line.Add($"{label} {Percent(mean)} +- {Percent(half)}");
        }

        results["microcircuit_minus_bp"] = gap.Estimate;
        results["microcircuit_minus_bp_ci95"] = new[] { gap.Lower, gap.Upper };
        var manifest = RunManifest.Complete($"neurosim {Command} --seeds {seeds}", 1, started, watch.Elapsed.TotalSeconds) with
        {
            Settings = new Dictionary<string, object>
            {
                ["seeds"] = seeds,
                ["network"] = string.Join("-", settings.Sizes),
                ["epochs"] = settings.Epochs,
                ["per_seed_settings"] = "seed-K/manifest.json",
            },
            Results = results,
            Files = new Dictionary<string, string>
            {
                ["seeds.csv"] = "final test error of each learner, one row per seed",
                ["summary.md"] = "means with 95% t intervals over seeds and the paired microcircuit - BP difference",
                ["seed-K/"] = "the complete run of seed K (learning.csv, plots/learning.svg, summary.md, manifest.json)",
            },
        };
        manifest.Save(folder.PathOf("manifest.json"));
        folder.Commit();
        log($"{seeds} seeds: {string.Join(", ", line)}; microcircuit - BP {Points(gap.Estimate)} points (95% CI {Points(gap.Lower)} to {Points(gap.Upper)})");
    }

    /// <summary>A finished seed folder is kept only when it was run with this command's settings and epochs.</summary>
    private static void RequireSameRun(string path, MnistTwoStepSettings settings, int train, int test)
    {
        var manifest = Path.Combine(path, "manifest.json");
        string? fingerprint = null, epochs = null;
        try
        {
            var recorded = RunManifest.ReadSettings(manifest, "fingerprint", "epochs");
            (fingerprint, epochs) = (recorded[0], recorded[1]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            // A missing or unreadable manifest records no settings: the seed is refused below like any other mismatch.
        }

        var expected = settings.Fingerprint(train, test);
        var expectedEpochs = settings.Epochs.ToString(CultureInfo.InvariantCulture);
        if (fingerprint != expected || epochs != expectedEpochs)
        {
            throw new InvalidDataException($"{manifest}: the finished seed was run with other settings ({fingerprint ?? "none recorded"}, {epochs ?? "?"} epochs); this run has {expected}, {expectedEpochs} epochs; give another --out");
        }
    }

    private static SeedErrors FinalErrors(ulong seed, string learningCsv)
    {
        var table = CsvTable.Read(learningCsv, "learning.csv");
        return new SeedErrors(seed, table.Numbers("microcircuit_test_error")[^1], table.Numbers("bp_test_error")[^1], table.Numbers("shallow_test_error")[^1]);
    }

    private static string Summary(MnistTwoStepSettings settings, List<SeedErrors> errors, PairedEffect gap, int train, int test)
    {
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(inv, $"# MNIST {string.Join("-", settings.Sizes)} over {errors.Count} seeds: two-step microcircuit, plain backprop and a shallow learner");
        text.AppendLine();
        text.AppendLine(inv, $"{train} training and {test} held-out digits, {settings.Epochs} epochs; each seed draws its own initial weights, top-down weights and example order (settings in seed-K/summary.md). Final test errors, mean with the 95% t interval over seeds:");
        text.AppendLine();
        string Cell(IEnumerable<double> values)
        {
            var (mean, half, _) = MeanInterval.Of(values);
            return $"{Percent(mean)} +- {Percent(half)}";
        }

        text.AppendMarkdownTable(["learner", "test error"], Learners.Select(l => new[] { l.Label, Cell(errors.Select(l.Error)) }));
        text.AppendLine();
        text.AppendLine(inv, $"Microcircuit - BP, paired by seed: {Points(gap.Estimate)} percentage points (95% CI {Points(gap.Lower)} to {Points(gap.Upper)}).");
        text.AppendLine();
        text.AppendMarkdownTable(
            ["seed", "microcircuit", "BP", "shallow"],
            errors.Select(e => new[] { e.Seed.ToString(inv), Percent(e.Microcircuit), Percent(e.Backprop), Percent(e.Shallow) }));
        return text.ToString();
    }

    private static string Percent(double fraction) => string.Create(CultureInfo.InvariantCulture, $"{100 * fraction:F2}%");

    private static string Points(double fraction) => string.Create(CultureInfo.InvariantCulture, $"{100 * fraction:+0.00;-0.00}");
}

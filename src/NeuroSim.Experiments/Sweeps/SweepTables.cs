using System.Text;
using NeuroSim.Core.Communities;
using NeuroSim.Core.RunFolders;

namespace NeuroSim.Experiments.Sweeps;

/// <summary>
/// Collects a sweep from its run folders: sweep.csv (tidy: one row per run, one column per parameter with its unit
/// and per metric, then status, error and the run's folder), summary.md (per grid point the mean and 95% confidence
/// interval over seeds, and the boundary of each declared limit) and manifest.json.
/// </summary>
public static class SweepTables
{
    /// <summary>Writes the tables into <paramref name="folder"/>; returns how many runs did not complete.</summary>
    public static int Write(SweepPlan plan, string folder, double wallSeconds, ISweepReport? report = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var rows = plan.Runs.Select(run => Collect(plan, run, folder)).ToList();
        var header = new List<string> { "run", "point", "seed" };
        header.AddRange(plan.Parameters.Select(ColumnOf));
        header.AddRange(plan.Spec.Metrics.Select(m => m.Name));
        header.AddRange(["status", "error", "folder"]);
        AtomicFile.Write(Path.Combine(folder, "sweep.csv"), stream =>
        {
            using var csv = new CsvTableWriter(stream, header);
            foreach (var row in rows)
            {
                csv.Write(row.Run.Index).Write(row.Run.Point).Write((long)row.Run.Seed);
                foreach (var value in row.Run.Values)
                {
                    if (double.IsNaN(value.Number))
                    {
                        csv.Write(value.Text);
                    }
                    else
                    {
                        csv.Write(value.Number);
                    }
                }

                csv.Write(row.Metrics).Write(row.Status).Write(row.Error ?? string.Empty).Write($"runs/{row.Run.FolderName}");
                csv.EndRow();
            }
        });
        AtomicFile.WriteAllText(Path.Combine(folder, "summary.md"), Summary(plan, rows));
        var failed = rows.Count(r => r.Status != RunStatus.Complete);
        var files = new Dictionary<string, string>
        {
            ["sweep.csv"] = "one row per run: parameters (unit in the header), metrics, status, error, run folder",
            ["summary.md"] = "per grid point: mean and 95% confidence interval over seeds; the limits found",
            ["runs/"] = "one run folder per point and seed (docs/run-folder.md)",
            ["inputs/"] = "the sweep file as given; its model in inputs/model/, its protocol in inputs/protocol/",
        };
        foreach (var (name, description) in report?.Write(plan, folder) ?? new Dictionary<string, string>())
        {
            files[name] = description;
        }

        new RunManifest
        {
            Command = $"neurosim sweep {plan.Spec.File}",
            Seed = plan.Spec.Seeds[0],
            Status = RunStatus.Complete,
            StartedUtc = DateTimeOffset.UtcNow,
            WallSeconds = wallSeconds,
            Settings = new Dictionary<string, object>
            {
                ["sweep"] = plan.Spec.Name,
                ["model_file"] = plan.Spec.ModelPath,
                ["protocol_file"] = plan.Spec.ProtocolPath,
                ["parameters"] = plan.Parameters.Select(p => p.Path).ToArray(),
                ["points"] = plan.Points,
                ["seeds"] = plan.Spec.Seeds.ToArray(),
            },
            Results = new Dictionary<string, object> { ["runs"] = rows.Count, ["runs_not_complete"] = failed },
            Files = files,
        }.Save(Path.Combine(folder, "manifest.json"));
        return failed;
    }

    /// <summary>The header of a parameter's column: its path, with the unit in parentheses when it has one.</summary>
    public static string ColumnOf(SweepParameter parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        return parameter.Unit.Length > 0 ? $"{parameter.Path} ({parameter.Unit})" : parameter.Path;
    }

    private static Row Collect(SweepPlan plan, SweepRun run, string folder)
    {
        var runs = Path.Combine(folder, "runs");
        var path = Path.Combine(runs, run.FolderName);
        var missing = Enumerable.Repeat(double.NaN, plan.Spec.Metrics.Count).ToArray();
        var failure = SweepRunner.FailureFileOf(runs, run);
        if (File.Exists(failure) || !File.Exists(Path.Combine(path, "manifest.json")))
        {
            return new Row(run, missing, RunStatus.Failed, File.Exists(failure) ? File.ReadAllText(failure).ReplaceLineEndings(" ") : "no run folder (the run did not finish)");
        }

        var status = RunManifest.ReadStatus(Path.Combine(path, "manifest.json"));
        var data = RunData.Open(path);
        var folders = SweepRunner.FoldersOf(plan, runs, run);
        static string? Finished(string? folder) => folder is not null && File.Exists(Path.Combine(folder, "manifest.json")) ? folder : null;
        var (adiabatic, initial) = (Finished(folders.Adiabatic), Finished(folders.Initial));
        var comparison = adiabatic is not null && initial is not null && plan.Spec.Metrics.Any(m => m.ComparesWithBackprop)
            ? SweepMetrics.CompareWithBackprop(path, adiabatic, initial)
            : (Deviation: double.NaN, Cosine: double.NaN);
        var twin = adiabatic is not null && plan.Spec.Metrics.Any(m => m.OfAdiabaticTwin) ? RunData.Open(adiabatic) : null;
        var structure = plan.Spec.Metrics.Any(m => m.IsStructure) ? StructureOf(data, run.Seed) : null;
        var metrics = plan.Spec.Metrics.Select(m => m.Stat switch
        {
            "modularity" => structure!.Modularity,
            "communities" => structure!.CommunityCount,
            "within_between" => structure!.WithinBetweenRatio,
            "across_module" => structure!.AcrossModuleFraction,
            "bp_deviation" => comparison.Deviation,
            "bp_cosine" => comparison.Cosine,
            "weight_change" => initial is null ? double.NaN : SweepMetrics.WeightChange(path, initial, m.Projection),
            _ when m.OfAdiabaticTwin => twin is null ? double.NaN : SweepMetrics.Compute(m, twin),
            _ => SweepMetrics.Compute(m, data),
        }).ToArray();
        return status == RunStatus.Complete
            ? new Row(run, metrics, RunStatus.Complete, null)
            : new Row(run, metrics, RunStatus.Diverged, RunManifest.ReadResult(Path.Combine(path, "manifest.json"), "error"));
    }

    private static ConnectomeStructure StructureOf(RunData data, ulong seed)
    {
        var (weights, n) = data.NetworkWeights();
        return ConnectomeStructure.Of(weights, n, seed);
    }

    private static string Summary(SweepPlan plan, IReadOnlyList<Row> rows)
    {
        var text = new StringBuilder();
        var spec = plan.Spec;
        text.AppendLine(Invariant($"# Sweep {spec.Name}"));
        text.AppendLine();
        text.AppendLine(Invariant($"{Path.GetFileName(spec.ModelPath)} with {Path.GetFileName(spec.ProtocolPath)}: {plan.Points} grid points x {spec.Seeds.Count} seeds = {rows.Count} runs; {rows.Count(r => r.Status != RunStatus.Complete)} not complete (see sweep.csv)."));
        text.AppendLine(Invariant($"Each cell: mean over the seeds that completed, ± the half-width of its 95% confidence interval (Student t, n - 1 degrees of freedom), and n."));
        text.AppendLine();
        text.AppendLine("| point | " + string.Join(" | ", plan.Parameters.Select(ColumnOf)) + " | " + string.Join(" | ", spec.Metrics.Select(m => m.Name)) + " |");
        text.AppendLine("|---|" + string.Concat(Enumerable.Repeat("---|", plan.Parameters.Count + spec.Metrics.Count)));
        var means = new Dictionary<(int Point, int Metric), double>();
        foreach (var point in rows.GroupBy(r => r.Run.Point))
        {
            var cells = new List<string>();
            for (var m = 0; m < spec.Metrics.Count; m++)
            {
                var (mean, half, n) = NeuroSim.Core.Statistics.MeanInterval.Of(point.Where(r => r.Status == RunStatus.Complete).Select(r => r.Metrics[m]));
                means[(point.Key, m)] = mean;
                cells.Add(n == 0 ? "-" : n == 1 ? Invariant($"{mean:G4} (n 1)") : Invariant($"{mean:G4} ± {half:G2} (n {n})"));
            }

            text.AppendLine(Invariant($"| {point.Key} | {string.Join(" | ", point.First().Run.Values.Select(Cell))} | {string.Join(" | ", cells)} |"));
        }

        foreach (var limit in spec.Limits)
        {
            text.AppendLine();
            text.AppendLine(Limit(plan, limit, means));
        }

        return text.ToString();
    }

    /// <summary>
    /// Along the limit's parameter, for each combination of the other parameters: the last value (in sweep order) at which
    /// the mean metric still meets the limit and the first at which it no longer does.
    /// </summary>
    private static string Limit(SweepPlan plan, LimitSpec limit, Dictionary<(int Point, int Metric), double> means)
    {
        var metric = plan.Spec.Metrics.ToList().FindIndex(m => m.Name == limit.Metric);
        var axis = plan.Parameters.ToList().FindIndex(p => p.Path == limit.Parameter);
        var unit = plan.Parameters[axis].Unit;
        var text = new StringBuilder(Invariant($"## Limit: {limit.Metric} {(limit.Below ? "below" : "above")} {limit.Threshold:G4} along {limit.Parameter}\n\n"));
        var points = plan.Runs.Where(r => r.Seed == plan.Spec.Seeds[0]).ToList();
        foreach (var group in points.GroupBy(r => plan.OthersOf(r, axis)))
        {
            bool Meets(SweepRun r) => means.TryGetValue((r.Point, metric), out var v) && (limit.Below ? v < limit.Threshold : v > limit.Threshold);
            var ordered = group.ToList();
            var meets = ordered.Select(Meets).ToList();
            var where = group.Key.Length > 0 ? $"at {group.Key}: " : string.Empty;
            string At(int k) => Cell(ordered[k].Values[axis]) + (unit.Length > 0 ? " " + unit : string.Empty) + InModelUnits(plan, ordered[k]);
            var firstFail = meets.IndexOf(false);
            var firstMet = meets.IndexOf(true);
            var line = firstFail < 0 ? $"met at every value swept ({At(0)} to {At(ordered.Count - 1)})"
                : firstMet < 0 ? $"met at none of the values swept ({At(0)} to {At(ordered.Count - 1)})"
                : firstFail > 0 && !meets.Skip(firstFail).Contains(true) ? $"met up to {At(firstFail - 1)}, not at {At(firstFail)}"
                : firstMet > 0 && !meets.Skip(firstMet).Contains(false) ? $"met from {At(firstMet)} on, not at {At(firstMet - 1)}"
                : $"met at {string.Join("; ", Enumerable.Range(0, ordered.Count).Where(k => meets[k]).Select(At))}, not monotone along {limit.Parameter}";
            text.AppendLine($"- {where}{line}");
        }

        return text.ToString().TrimEnd();
    }

    /// <summary>
    /// The derived settings of <paramref name="run"/>, e.g. " (timescales.credit = 100 ms)", so that a limit found along a
    /// dimensionless ratio is also stated in the model's own units; "" without derived settings.
    /// </summary>
    private static string InModelUnits(SweepPlan plan, SweepRun run)
    {
        var derived = Enumerable.Range(plan.SweptCount, plan.Parameters.Count - plan.SweptCount)
            .Select(k => $"{plan.Parameters[k].Path} = {Cell(run.Values[k])}{(plan.Parameters[k].Unit.Length > 0 ? " " + plan.Parameters[k].Unit : string.Empty)}")
            .ToList();
        return derived.Count == 0 ? string.Empty : $" ({string.Join(", ", derived)})";
    }

    /// <summary>A parameter value as its column shows it: the number (its unit is in the header), or the text.</summary>
    private static string Cell(SweepValue value) => double.IsNaN(value.Number) ? value.Text : value.Number.ToString("G6", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record Row(SweepRun Run, double[] Metrics, string Status, string? Error);
}

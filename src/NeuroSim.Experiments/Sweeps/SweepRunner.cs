using NeuroSim.Core.RunFolders;
using NeuroSim.Files.Yaml;

namespace NeuroSim.Experiments.Sweeps;

/// <summary>How to run a sweep.</summary>
public sealed record SweepOptions(string OutputDirectory)
{
    /// <summary>Runs in parallel (each an isolated in-process run with its own model).</summary>
    public int Workers { get; init; } = Environment.ProcessorCount;

    public bool Overwrite { get; init; }

    /// <summary>The seeds of a grid point stepped in lock step where the batched stepper takes them (<see cref="LocalExecutor"/>); off, every run steps alone. The same bits either way.</summary>
    public bool Lockstep { get; init; } = true;

    public bool Resume { get; init; }

    public CancellationToken Interrupt { get; init; }

    /// <summary>Where the runs execute: null for in-process workers (<see cref="LocalExecutor"/>), or a cluster's.</summary>
    public ISweepExecutor? Backend { get; init; }

    /// <summary>Called once everything is checked, just before the first run starts (the CLI prints its header then, so a refusal prints nothing else).</summary>
    public Action? Started { get; init; }

    /// <summary>Drawn from the tables before the folder is committed (the CLI's figures).</summary>
    public ISweepReport? Report { get; init; }
}

/// <summary>Counts for the progress display.</summary>
public readonly record struct SweepProgress(int Done, int Failed, int Total, int Running);

/// <summary>How a sweep ended: "complete" (every run finished; some may have diverged, see sweep.csv) or "interrupted".</summary>
public sealed record SweepOutcome(string Status, string OutputDirectory, int Runs, int Failed);

/// <summary>
/// Runs every point of a sweep as an ordinary run folder (DIR/runs/pNNNNN-sSEED, each written and renamed by
/// <see cref="ExperimentRunner"/>), then collects sweep.csv and summary.md (<see cref="SweepTables"/>) into DIR. Runs
/// are independent: a run that diverges or fails is recorded with its reason and the sweep goes on; --resume (or
/// the same command again with --resume) runs only what is missing; the tables are written in sweep order from the
/// run folders, so they are the same bytes whatever the number of workers.
/// </summary>
public static class SweepRunner
{
    public const string CommandName = "sweep";

    public static SweepOutcome Run(SweepPlan plan, SweepOptions options, Action<SweepProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(options);
        var folderOptions = new RunFolderOptions
        {
            Inputs = [plan.Spec.File, plan.Spec.ModelPath, plan.Spec.ProtocolPath],
            Overwrite = options.Overwrite,
            Policy = options.Resume ? PartialFolderPolicy.MustContinue : PartialFolderPolicy.ContinueOnlyWhenAsked,
        };
        RunFolder.Preflight(CommandName, options.OutputDirectory, folderOptions);
        Validate(plan, options.Workers);

        using var folder = RunFolder.Open(CommandName, options.OutputDirectory, folderOptions);
        options.Started?.Invoke();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var runs = Path.Combine(folder.WorkingPath, "runs");
        Directory.CreateDirectory(runs);
        if (!folder.Continued)
        {
            CopyInputs(plan, folder.PathOf("inputs"));
        }

        var executor = options.Backend ?? new LocalExecutor(options.Workers, options.Lockstep);
        executor.Execute(plan, runs, progress, options.Interrupt);

        if (options.Interrupt.IsCancellationRequested)
        {
            folder.KeepForResume();
            return new SweepOutcome(RunStatus.Interrupted, folder.WorkingPath, plan.Runs.Count, 0);
        }

        var failedRuns = SweepTables.Write(plan, folder.WorkingPath, watch.Elapsed.TotalSeconds, options.Report);
        folder.Commit();
        return new SweepOutcome(RunStatus.Complete, folder.FinalPath, plan.Runs.Count, failedRuns);
    }

    /// <summary>
    /// Collects the tables of an existing sweep folder again from its run folders, running nothing: a complete folder
    /// gets its tables rewritten; a partial one (`.DIR.partial`, e.g. after the process that followed a SLURM job died)
    /// is completed when every run has its folder, else it gets its tables (missing runs as failed) and stays partial
    /// (outcome "interrupted").
    /// </summary>
    public static SweepOutcome Collect(string outputDirectory, ISweepReport? report = null)
    {
        ArgumentNullException.ThrowIfNull(outputDirectory);
        var final = Path.GetFullPath(outputDirectory);
        var partial = RunFolder.PartialPathOf(final);
        var existing = Directory.Exists(partial) ? partial : Directory.Exists(final) ? final
            : throw new ArgumentException($"--collect: no sweep folder '{outputDirectory}' (nor its partial folder '{partial}')");
        var plan = PlanOf(existing);
        var runs = Path.Combine(existing, "runs");
        var missing = plan.Runs.Count(run => !IsDone(plan, runs, run) && !File.Exists(FailureFileOf(runs, run)));
        if (existing == final)
        {
            var failed = SweepTables.Write(plan, final, 0, report);
            return new SweepOutcome(RunStatus.Complete, final, plan.Runs.Count, failed);
        }

        using var folder = RunFolder.Open(CommandName, final, new RunFolderOptions { Policy = PartialFolderPolicy.MustContinue });
        var notComplete = SweepTables.Write(plan, folder.WorkingPath, 0, report);
        if (missing > 0)
        {
            folder.KeepForResume();
            return new SweepOutcome(RunStatus.Interrupted, folder.WorkingPath, plan.Runs.Count, notComplete);
        }

        folder.Commit();
        return new SweepOutcome(RunStatus.Complete, folder.FinalPath, plan.Runs.Count, notComplete);
    }

    /// <summary>The sweep file, model and protocol a sweep folder ran, from its inputs/ (so collecting needs nothing else).</summary>
    private static SweepPlan PlanOf(string folder)
    {
        static string Only(string directory, string what) =>
            Directory.Exists(directory) && Directory.GetFiles(directory, "*.yaml") is [var file] ? file
                : throw new ArgumentException($"--collect: {directory} holds no single {what} file: not a sweep folder written by this version");
        var inputs = Path.Combine(folder, "inputs");
        return new SweepPlan(SweepFile.Load(Only(inputs, "sweep"), Only(Path.Combine(inputs, "model"), "model"), Only(Path.Combine(inputs, "protocol"), "protocol")));
    }

    /// <summary>The sweep file in inputs/, its model in inputs/model/ and its protocol in inputs/protocol/ (their names may clash).</summary>
    private static void CopyInputs(SweepPlan plan, string inputs)
    {
        Directory.CreateDirectory(Path.Combine(inputs, "model"));
        Directory.CreateDirectory(Path.Combine(inputs, "protocol"));
        File.Copy(plan.Spec.File, Path.Combine(inputs, Path.GetFileName(plan.Spec.File)));
        File.Copy(plan.Spec.ModelPath, Path.Combine(inputs, "model", Path.GetFileName(plan.Spec.ModelPath)));
        File.Copy(plan.Spec.ProtocolPath, Path.Combine(inputs, "protocol", Path.GetFileName(plan.Spec.ProtocolPath)));
    }

    /// <summary>The name of the file that records why run <paramref name="run"/> could not run, next to where its folder would be.</summary>
    public static string FailureFileOf(string runsFolder, SweepRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Path.Combine(runsFolder, run.FolderName + ".failed");
    }

    /// <summary>The folders of a run: its own, its adiabatic twin's (for bp metrics and `of: adiabatic`) and its initial state's (for bp metrics and weight_change).</summary>
    public static RunFolders FoldersOf(SweepPlan plan, string runsFolder, SweepRun run)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(run);
        var main = Path.Combine(runsFolder, run.FolderName);
        return new RunFolders(main, plan.Spec.NeedsBackpropTwin ? main + ".adiabatic" : null, plan.Spec.NeedsInitialState ? main + ".initial" : null);
    }

    /// <summary>A run's own folder and, when its metrics need them, its adiabatic twin's and its initial state's.</summary>
    public sealed record RunFolders(string Main, string? Adiabatic, string? Initial)
    {
        public IEnumerable<string> All => new[] { Main, Adiabatic, Initial }.OfType<string>();
    }

    /// <summary>Whether <paramref name="run"/> already has complete folders (it is then not run again).</summary>
    public static bool IsDone(SweepPlan plan, string runsFolder, SweepRun run) =>
        FoldersOf(plan, runsFolder, run).All.All(f => Directory.Exists(f) && !Directory.Exists(RunFolder.PartialPathOf(f)));

    /// <summary>
    /// Runs one point and seed into <paramref name="runsFolder"/> (resuming it when an interrupted attempt left a
    /// checkpoint). A run that cannot run at all leaves NAME.failed with the reason, for sweep.csv; the sweep goes on.
    /// Returns false when the run did not complete (diverged or failed). <paramref name="kernelThreads"/>: threads of the
    /// run's kernels (null: all cores), so that runs side by side do not oversubscribe the cores. With
    /// <paramref name="lockstep"/>, the run's own folder (not its twin or initial state) is stepped in lock step with the
    /// other members of the group (the same bits); the run leaves the group once its own folder is done or could not run.
    /// </summary>
    public static bool RunOne(SweepPlan plan, SweepRun run, string runsFolder, CancellationToken interrupt, int? kernelThreads = null, LockstepGroup? lockstep = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(run);
        var member = lockstep?.Join();
        try
        {
            return RunAllFolders(plan, run, runsFolder, kernelThreads, member, () => member?.Leave(), interrupt);
        }
        finally
        {
            member?.Leave();
        }
    }

    private static bool RunAllFolders(SweepPlan plan, SweepRun run, string runsFolder, int? kernelThreads, LockstepMember? lockstep, Action leave, CancellationToken interrupt)
    {
        var final = Path.Combine(runsFolder, run.FolderName);
        var failure = FailureFileOf(runsFolder, run);
        File.Delete(failure);
        try
        {
            var folders = FoldersOf(plan, runsFolder, run);
            var requests = new List<(string Folder, RunRequest Request)> { (final, plan.Request(run, final)) };
            if (folders.Adiabatic is { } adiabatic)
            {
                requests.Add((adiabatic, plan.BackpropTwin(run, adiabatic)));
            }

            if (folders.Initial is { } initial)
            {
                requests.Add((initial, plan.Initial(run, initial)));
            }

            var complete = true;
            foreach (var (folder, next) in requests.TakeWhile(_ => !interrupt.IsCancellationRequested))
            {
                var main = folder == final;
                if (Directory.Exists(folder) && !Directory.Exists(RunFolder.PartialPathOf(folder)))
                {
                    if (main)
                    {
                        leave();
                    }

                    continue;
                }

                var request = next with { Interrupt = interrupt, Resume = Directory.Exists(RunFolder.PartialPathOf(folder)), KernelThreads = kernelThreads, Lockstep = main ? lockstep : null };
                try
                {
                    complete &= ExperimentRunner.Execute(ExperimentRunner.Prepare(request)).Error is null;
                }
                finally
                {
                    if (main)
                    {
                        leave();
                    }
                }
            }

            return complete;
        }
        catch (Exception e) when (e is ArgumentException or SpecException or IOException or InvalidDataException or OutputRefusedException or InvalidOperationException)
        {
            AtomicFile.WriteAllText(failure, e.Message);
            return false;
        }
    }

    /// <summary>Every weight_change projection is one the model writes to weights/: checked on the initial state of the first run.</summary>
    private static void CheckProjections(SweepPlan plan, SweepRun first)
    {
        var named = plan.Spec.Metrics.Where(m => m.Projection is not null).ToList();
        if (named.Count == 0)
        {
            return;
        }

        var folder = Directory.CreateTempSubdirectory("neurosim-sweep-check-").FullName;
        try
        {
            ExperimentRunner.Execute(ExperimentRunner.Prepare(plan.Initial(first, Path.Combine(folder, "initial"))));
            var weights = Path.Combine(folder, "initial", "weights");
            foreach (var metric in named.Where(m => !File.Exists(Path.Combine(weights, SweepMetrics.WeightFileOf(m.Projection!)))))
            {
                var projections = Directory.GetFiles(weights, "*.csv").Select(f => ColumnNames.ProjectionOfFile(Path.GetFileNameWithoutExtension(f))).Order(StringComparer.Ordinal);
                var at = metric.Source;
                throw new SpecException(at?.File ?? plan.Spec.File, at?.Line ?? 0, at?.Column ?? 0, at?.Field ?? "metrics", $"projection '{metric.Projection}' is not in the model; its projections: {string.Join(", ", projections)}");
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// Everything that can be wrong with the sweep, found before any run: every grid point's overrides are applied and
    /// its model built once (in parallel), and every metric names a monitor and a column the protocol records.
    /// </summary>
    private static void Validate(SweepPlan plan, int workers)
    {
        var firstOfEachPoint = plan.Runs.Where(r => r.Seed == plan.Spec.Seeds[0]).ToList();
        var errors = new Exception?[firstOfEachPoint.Count];
        PreparedRun? sample = null;
        Parallel.For(0, firstOfEachPoint.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, workers) }, k =>
        {
            try
            {
                var prepared = ExperimentRunner.Prepare(plan.Request(firstOfEachPoint[k], Path.Combine(Path.GetTempPath(), "unused")));
                if (k == 0)
                {
                    sample = prepared;
                }
            }
            catch (Exception e) when (e is SpecException or ArgumentException)
            {
                errors[k] = e;
            }
        });

        if (errors.Select((e, k) => (e, k)).FirstOrDefault(x => x.e is not null) is { e: { } error, k: var point })
        {
            var values = string.Join(", ", plan.Parameters.Select((p, i) => $"{p.Path}={firstOfEachPoint[point].Values[i].Text}"));
            throw error is SpecException spec
                ? new SpecException(spec.File, spec.Line, spec.Column, spec.Field, $"{spec.Detail} (sweep point {point}: {values})")
                : new ArgumentException($"sweep point {point} ({values}): {error.Message}", error);
        }

        if (plan.Spec.NeedsBackpropTwin)
        {
            try
            {
                ExperimentRunner.Prepare(plan.BackpropTwin(firstOfEachPoint[0], Path.Combine(Path.GetTempPath(), "unused")));
            }
            catch (Exception e) when (e is SpecException or ArgumentException)
            {
                throw new ArgumentException($"bp_deviation needs an adiabatic twin of each run (scheduler.mode=adiabatic), and this model refuses it: {e.Message}", e);
            }
        }

        CheckProjections(plan, firstOfEachPoint[0]);
        foreach (var metric in plan.Spec.Metrics.Where(m => !m.ReadsWeights))
        {
            var monitor = sample!.Monitors.FirstOrDefault(m => m.Name == metric.Monitor);
            var at = metric.Source;
            if (monitor is null)
            {
                throw new SpecException(at?.File ?? plan.Spec.File, at?.Line ?? 0, at?.Column ?? 0, at?.Field ?? "metrics", $"monitor '{metric.Monitor}' is not recorded by the protocol; its monitors: {string.Join(", ", sample.Monitors.Select(m => m.Name))}");
            }

            if (!monitor.Columns.Contains(metric.Column))
            {
                throw new SpecException(at?.File ?? plan.Spec.File, at?.Line ?? 0, at?.Column ?? 0, at?.Field ?? "metrics", string.Create(CultureInfo.InvariantCulture, $"monitor '{metric.Monitor}' has no column '{metric.Column}'; it has {string.Join(", ", monitor.Columns.Skip(1).Take(12))}{(monitor.Columns.Count > 13 ? ", ..." : string.Empty)}"));
            }
        }
    }
}

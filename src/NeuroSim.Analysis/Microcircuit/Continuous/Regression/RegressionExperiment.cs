using NeuroSim.Experiments;

namespace NeuroSim.Analysis.Microcircuit.Continuous.Regression;

/// <summary>Which weights a learner trains: its model file.</summary>
public enum RegressionLearner
{
    /// <summary>models/microcircuit-regression.yaml: W_up of both layers, W_IP and W_PI plastic (top-down B fixed).</summary>
    Full,

    /// <summary>models/microcircuit-regression-shallow.yaml: only the top layer W_up[1] learns.</summary>
    Shallow,
}

/// <summary>How the two learners' runs ended and the comparison read from them.</summary>
/// <param name="Status">"complete", "interrupted", or "incomplete" (a learner diverged; its curve ends there).</param>
/// <param name="OutputDirectory">The outer folder (its partial name when interrupted).</param>
/// <param name="Result">Both curves; null when interrupted.</param>
/// <param name="Runs">The two learners' run outcomes, full first.</param>
public sealed record RegressionOutcome(string Status, string OutputDirectory, RegressionResult? Result, IReadOnlyList<RunOutcome> Runs);

/// <summary>
/// Paper Fig. 2 as shipped files: a 30-50-10 student microcircuit learns online from a 30-20-10 teacher
/// (protocols/microcircuit-regression.yaml: one fresh pattern per 100 ms, output nudged toward the teacher's target
/// potential, test blocks of held-out patterns with noise, plasticity and nudging off), run once with the full model
/// file and once with the shallow one, side by side in one folder: DIR/full and DIR/shallow are ordinary run
/// folders, DIR/regression.csv, figures/ and summary.md compare them (<see cref="RegressionReport"/>).
/// </summary>
public static class RegressionExperiment
{
    public const string ProtocolFile = "protocols/microcircuit-regression.yaml";

    /// <summary>The marker command of the outer folder.</summary>
    public const string CommandName = "microcircuit regression";

    public static string ModelFile(RegressionLearner learner) =>
        learner == RegressionLearner.Full ? "models/microcircuit-regression.yaml" : "models/microcircuit-regression-shallow.yaml";

    /// <summary>Sub-folder of the outer folder that holds <paramref name="learner"/>'s run.</summary>
    public static string FolderName(RegressionLearner learner) => learner == RegressionLearner.Full ? "full" : "shallow";

    /// <summary>One learner's run of the shipped files with <paramref name="options"/> as --set overrides.</summary>
    public static RunRequest Request(RegressionOptions options, RegressionLearner learner, ShippedFiles files, string outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var full = learner == RegressionLearner.Full;
        var rates = options.ScaledRates;
        return options.ShippedRun(files, ModelFile(learner), ProtocolFile, outputDirectory) with
        {
            Overrides =
            [
                .. options.NoiseOverrides,
                RunOverrides.Set("initial_weights.scale", options.WeightScale),
                RunOverrides.List("learning_rates.up", [full ? rates.UpHidden : 0, rates.UpOutput]),
                RunOverrides.Set("learning_rates.ip", full ? rates.PyramidalToInterneuron : 0),
                RunOverrides.Set("learning_rates.pi", full ? rates.InterneuronToPyramidal : 0),
                RunOverrides.Set("protocol.data.train.count", options.Patterns),
                RunOverrides.Set("protocol.data.train.seed", options.Seed),
                RunOverrides.Set("protocol.data.test.count", options.TestPatterns),
                RunOverrides.Set("protocol.data.test.seed", options.Seed),
                RunOverrides.Set("protocol.timeline[0].repeat.times", options.Patterns / options.EvaluateEvery),
                RunOverrides.Set("protocol.timeline[0].repeat.do[1].for_each.take", options.EvaluateEvery),
            ],
            Command = $"neurosim {CommandName} ({FolderName(learner)} learner)",
        };
    }

    /// <summary>
    /// Runs both learners (in parallel: they share nothing but their inputs) into <paramref name="outputDirectory"/>
    /// and writes the comparison. The outer folder follows the run-folder rules (never over what NeuroSim did not write;
    /// --overwrite; --resume continues an interrupted learner from its checkpoint and skips a finished one).
    /// </summary>
    public static RegressionOutcome Run(RegressionOptions options, string outputDirectory, bool overwrite, bool resume, CancellationToken interrupt, Action<RegressionLearner, long, long>? progress = null, bool png = false)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var folderOptions = new RunFolderOptions { Overwrite = overwrite, Policy = resume ? PartialFolderPolicy.MustContinue : PartialFolderPolicy.ContinueOnlyWhenAsked };
        RunFolder.Preflight(CommandName, outputDirectory, folderOptions);
        using var files = ShippedFiles.Extract();
        var learners = new[] { RegressionLearner.Full, RegressionLearner.Shallow };
        var prepared = learners.Select(l =>
        {
            var folder = Path.Combine(RunFolder.PartialPathOf(outputDirectory), FolderName(l));
            return ExperimentRunner.Prepare(Request(options, l, files, folder) with { Interrupt = interrupt, Resume = resume && Directory.Exists(RunFolder.PartialPathOf(folder)) });
        }).ToArray();

        using var outer = RunFolder.Open(CommandName, outputDirectory, folderOptions);
        var runs = new RunOutcome[learners.Length];
        Parallel.For(0, learners.Length, k =>
        {
            var final = Path.Combine(outer.WorkingPath, FolderName(learners[k]));
            runs[k] = Directory.Exists(final) && !Directory.Exists(RunFolder.PartialPathOf(final))
                ? new RunOutcome(RunManifest.ReadStatus(Path.Combine(final, "manifest.json")), final, 0, 0, 0)
                : ExperimentRunner.Execute(prepared[k], (step, total) => progress?.Invoke(learners[k], step, total));
        });

        if (runs.Any(r => r.Status is RunStatus.Interrupted or RunStatus.Aborted))
        {
            outer.KeepForResume();
            return new RegressionOutcome(RunStatus.Interrupted, outer.WorkingPath, null, runs);
        }

        var result = RegressionResult.Read(outer.WorkingPath, options);
        var status = runs.All(r => r.Error is null && r.Status == RunStatus.Complete) ? RunStatus.Complete : RunStatus.Incomplete;
        new RegressionReport(options, png).Write(outer.WorkingPath, status, runs);
        outer.Commit();
        return new RegressionOutcome(status, outer.FinalPath, result, runs);
    }
}

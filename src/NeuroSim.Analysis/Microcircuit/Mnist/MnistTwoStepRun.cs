using System.Diagnostics;

namespace NeuroSim.Analysis.Microcircuit.Mnist;

/// <summary>
/// `neurosim microcircuit mnist` as one call: the split of the digits, training epoch by epoch with a checkpoint
/// after each (so that an interrupted run resumes), and the report (<see cref="MnistTwoStepReport"/>).
/// </summary>
public static class MnistTwoStepRun
{
    /// <summary>The checkpoint in the working folder, dropped when the run completes.</summary>
    public const string CheckpointFile = "checkpoint.bin";

    /// <summary>The first <paramref name="train"/> and the last <paramref name="test"/> of the interleaved digits, targets {off, on}.</summary>
    public static (Dataset Train, Dataset Test) Split(string folder, int train, int test, MnistTwoStepSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var all = MnistDataFolder.Load(folder, train, test, on: settings.TargetOn, off: settings.TargetOff);
        if (train + test > all.Count)
        {
            throw new ArgumentException($"--train {train} + --test {test}: the MNIST folder '{folder}' holds only {all.Count} digits");
        }

        return (all.Slice(0, train), all.Slice(all.Count - test, test));
    }

    /// <summary>
    /// Trains the remaining epochs into <paramref name="folder"/> (from its checkpoint when it continues one) and writes
    /// the report; <paramref name="log"/> gets a line per event (resume, settings, every epoch's scores) and
    /// <paramref name="onBatch"/> (batch, batches) the progress within an epoch.
    /// </summary>
    public static void Run(MnistTwoStepExperiment experiment, RunFolder folder, Action<string> log, Action<int, int>? onBatch = null)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(log);
        var settings = experiment.Settings;
        var network = string.Join("-", settings.Sizes);
        var checkpoint = folder.PathOf(CheckpointFile);
        var started = DateTimeOffset.UtcNow;
        if (folder.Continued && File.Exists(checkpoint))
        {
            experiment.LoadCheckpoint(checkpoint);
            log($"resuming from {checkpoint} after epoch {experiment.EpochsDone}");
        }
        else if (folder.Continued)
        {
            log($"no checkpoint in {folder.WorkingPath}: starting from epoch 0");
        }

        log(string.Create(CultureInfo.InvariantCulture, $"microcircuit mnist {network}: {experiment.Train.Count} training, {experiment.Test.Count} test digits, {settings.Epochs} epochs, batches of {settings.BatchSize}, eta {settings.Eta}, BP rate {settings.BackpropRate}, seed {settings.Seed}"));
        var watch = Stopwatch.StartNew();
        var before = experiment.Scores.Count > 0 ? experiment.Scores[^1].WallSeconds : 0.0;
        void Report(EpochScore s) => log(string.Create(
            CultureInfo.InvariantCulture,
            $"epoch {s.Epoch}: microcircuit test error {100 * (1 - s.MicrocircuitAccuracy):F2}% (loss {s.MicrocircuitLoss:F4}), BP test error {100 * (1 - s.BackpropAccuracy):F2}% (loss {s.BackpropLoss:F4}), shallow {100 * (1 - s.ShallowAccuracy):F2}%, interneuron mismatch {s.InterneuronMismatch:G3} (teaching signal {s.TeachingSignal:G3}), {s.WallSeconds:F1} s"));

        if (experiment.Scores.Count == 0)
        {
            Report(experiment.Start());
            experiment.SaveCheckpoint(checkpoint);
        }

        while (experiment.EpochsDone < settings.Epochs)
        {
            var score = experiment.RunEpoch(before + watch.Elapsed.TotalSeconds, onBatch);
            experiment.SaveCheckpoint(checkpoint);
            Report(score);
        }

        MnistTwoStepReport.Write(experiment, folder, started, CheckpointFile);
    }
}

using System.Diagnostics;
using NeuroSim.Core.Monitoring;
using NeuroSim.Models.BalanceCredit;
using NeuroSim.Plotting.Data;
using NeuroSim.Plotting.Recipes;
using NeuroSim.Plotting.Rendering;

namespace NeuroSim.Analysis.Training;

/// <summary>
/// `neurosim train` as one call: a <see cref="TrainingSession"/> run into a folder that then holds loss.csv,
/// accuracy.csv, weights/ (of the first balance-credit learner), manifest.json and plots/learning.svg.
/// </summary>
public static class TrainingRun
{
    /// <summary>Runs <paramref name="session"/> on <paramref name="kind"/> into <paramref name="folder"/> and commits it; <paramref name="onEpoch"/> as in <see cref="TrainingSession.Run"/>.</summary>
    public static TrainingResult Run(TrainingSession session, TrainingDataKind kind, RunFolder folder, Action<string, int, Evaluation>? onEpoch = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(folder);
        var watch = Stopwatch.StartNew();
        var started = DateTimeOffset.UtcNow;
        var result = session.Run(onEpoch);
        foreach (var (file, pick) in new[] { ("loss.csv", (Func<Evaluation, double>)(v => v.MeanLoss)), ("accuracy.csv", v => v.Accuracy) })
        {
            using var csv = new CsvTableWriter(folder.PathOf(file), ["epoch", .. session.Learners]);
            for (var epoch = 0; epoch <= session.Epochs; epoch++)
            {
                csv.Write(epoch);
                foreach (var learner in session.Learners)
                {
                    csv.Write(pick(result.Curves[learner][epoch]));
                }

                csv.EndRow();
            }
        }

        if (result.Model is { } trained)
        {
            WeightFiles.Write(folder.WorkingPath, trained.Network, trained.Weights, trained.Biases);
        }

        var manifest = RunManifest.Complete("neurosim train", session.Spec.Seed, started, watch.Elapsed.TotalSeconds) with
        {
            Settings = new Dictionary<string, object>
            {
                ["data"] = kind.ToString().ToLowerInvariant(),
                ["train_examples"] = session.Train.Count,
                ["test_examples"] = session.Test.Count,
                ["epochs"] = session.Epochs,
                ["learners"] = session.Learners,
                ["step_size_lambda"] = session.Spec.LearningRate,
                ["network"] = string.Join("-", session.Spec.Network.Groups.Select(g => g.Size)),
            },
            Results = session.Learners.ToDictionary(l => $"final_test_accuracy_{l}", l => (object)result.Curves[l][^1].Accuracy),
            Files = new Dictionary<string, string>
            {
                ["loss.csv"] = "mean test loss per epoch and learner",
                ["accuracy.csv"] = "test accuracy per epoch and learner",
                ["weights/"] = "final weights of the first balance-credit learner",
            },
        };
        manifest.Save(folder.PathOf("manifest.json"));
        folder.Commit();

        // Drawn from the committed folder, so that the figure carries its final name.
        var figure = Path.Combine(folder.FinalPath, "plots", "learning.svg");
        FigureFile.Write(FigureRecipes.Build(FigureRecipes.Find("learning"), [RunData.Open(folder.FinalPath)], new PlotOptions()), figure);
        return result;
    }
}

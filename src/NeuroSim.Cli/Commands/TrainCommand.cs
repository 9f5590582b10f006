using NeuroSim.Analysis.Training;
using NeuroSim.Models.BalanceCredit;
using NeuroSim.Models.Training;

namespace NeuroSim.Cli.Commands;

/// <summary>`neurosim train MODEL --data mnist|teacher|xor|parity --out DIR`: BP and the balance-credit rule side by side (<see cref="TrainingRun"/>).</summary>
internal static class TrainCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var model = new Argument<string>("model") { Description = "Layered model file (e.g. models/mnist-784-128-10.yaml)." };
        var data = OptionValues.Choice("--data", "mnist, teacher, xor or parity (bits = the model's input size).", TrainingDataKind.Mnist);
        var mnistDir = new Option<string?>("--mnist-dir") { Description = "MNIST folder (default: data/mnist, else tests/data/mnist-subset)." };
        var trainCount = new Option<int?>("--train") { Description = "Training examples (mnist: all but the test digits)." };
        var testCount = new Option<int>("--test") { Description = "Held-out test examples (mnist: the last N of the interleaved digits).", DefaultValueFactory = _ => 2000 }.AtLeast(1);
        var epochs = new Option<int>("--epochs") { Description = "Passes over the training set.", DefaultValueFactory = _ => 5 }.AtLeast(1);
        var learners = OptionValues.NameList("--learners", $"Comma-separated: {string.Join(", ", TrainingSession.LearnerNames)}.", ["bp", "adiabatic"], TrainingSession.LearnerNames);
        var outOption = new OutputFolderOptions("Output folder.");
        var seed = new Option<ulong?>("--seed") { Description = "Seed of the initial weights (overrides the model file)." };
        var command = new Command("train", "Train a layered model with plain BP and with the balance-credit rule (adiabatic, multirate) on the same split, initial weights and order; report test loss and accuracy per epoch.")
        {
            model, data, mnistDir, trainCount, testCount, epochs, learners, outOption.Out, outOption.Overwrite, seed,
        };
        command.SetAction(parse => CliApp.Guard(error, () =>
        {
            var definition = ModelFile.Load(parse.GetValue(model)!, seedOverride: parse.GetValue(seed));
            var kind = parse.GetValue(data);
            var sizes = definition.Spec.Network.Groups.Select(g => g.Size).ToArray();
            var (train, test) = TrainingData.Split(kind, sizes, parse.GetValue(mnistDir) ?? MnistFolder.Find(), parse.GetValue(trainCount), parse.GetValue(testCount), definition.Spec.Seed);
            var session = new TrainingSession
            {
                Spec = definition.Spec,
                Multirate = definition.Scheduler,
                Train = train,
                Test = test,
                Epochs = parse.GetValue(epochs),
                Learners = parse.GetValue(learners)!,
            };
            using var folder = outOption.Open(parse, "train", PartialFolderPolicy.StartOver, parse.GetValue(model)!);
            return Run(session, kind, folder, output);
        }));
        return command;
    }

    private static int Run(TrainingSession session, TrainingDataKind kind, RunFolder folder, TextWriter output)
    {
        var console = CliConsole.Create(output);
        console.MarkupLine(Markup.Escape($"{kind.ToString().ToLowerInvariant()}: {session.Train.Count} training, {session.Test.Count} test examples; learners {string.Join(", ", session.Learners)}; {session.Epochs} epochs"));
        var watch = Stopwatch.StartNew();
        var table = new Table().Border(TableBorder.Rounded).AddColumns("learner", "epoch", "test loss", "test accuracy", "wall s");
        void OnEpoch(string learner, int epoch, Evaluation evaluation) =>
            table.AddRow(learner, epoch.ToString(CultureInfo.InvariantCulture), evaluation.MeanLoss.ToString("0.00000", CultureInfo.InvariantCulture), evaluation.Accuracy.ToString("P2", CultureInfo.InvariantCulture), watch.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture));

        if (console.Profile.Capabilities.Interactive)
        {
            console.Progress().Start(context =>
            {
                var task = context.AddTask("training", maxValue: session.Learners.Count * session.Epochs);
                TrainingRun.Run(session, kind, folder, (learner, epoch, evaluation) =>
                {
                    OnEpoch(learner, epoch, evaluation);
                    task.Description = $"{learner}, epoch {epoch}";
                    task.Value = (session.Learners.ToList().IndexOf(learner) * session.Epochs) + epoch;
                });
            });
        }
        else
        {
            TrainingRun.Run(session, kind, folder, OnEpoch);
        }

        console.Write(table);
        console.MarkupLine(Markup.Escape($"wrote loss.csv, accuracy.csv, weights/, manifest.json, plots/learning.svg to {folder.FinalPath} in {watch.Elapsed.TotalSeconds:F1} s"));
        return CliApp.Success;
    }
}

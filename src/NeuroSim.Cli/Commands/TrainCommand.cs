using NeuroSim.Core.Randomness;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using NeuroSim.Analysis.Training;
using NeuroSim.Core.Monitoring;
using NeuroSim.Core.RunFolders;
using NeuroSim.Models.BalanceCredit;
using NeuroSim.Models.Training;
using NeuroSim.Plotting.Data;
using NeuroSim.Plotting.Recipes;
using NeuroSim.Plotting.Svg;
using Spectre.Console;

namespace NeuroSim.Cli.Commands;

/// <summary>`neurosim train MODEL --data mnist|teacher|xor --out DIR`: BP and the balance-credit rule side by side.</summary>
internal static class TrainCommand
{
    private static readonly string[] DataKinds = ["mnist", "teacher", "xor", "parity"];

    public static Command Create(TextWriter output, TextWriter error)
    {
        var model = new Argument<string>("model") { Description = "Layered model file (e.g. models/mnist-784-128-10.yaml)." };
        var data = new Option<string>("--data") { Description = "mnist, teacher, xor or parity (bits = the model's input size).", DefaultValueFactory = _ => "mnist" };
        var mnistDir = new Option<string?>("--mnist-dir") { Description = "MNIST folder (default: data/mnist, else tests/data/mnist-subset)." };
        var trainCount = new Option<int?>("--train") { Description = "Training examples (mnist: all but the test digits)." };
        var testCount = new Option<int>("--test") { Description = "Held-out test examples (mnist: the last N of the interleaved digits).", DefaultValueFactory = _ => 2000 };
        var epochs = new Option<int>("--epochs") { Description = "Passes over the training set.", DefaultValueFactory = _ => 5 };
        var learners = new Option<string>("--learners") { Description = "Comma-separated: bp, adiabatic, multirate.", DefaultValueFactory = _ => "bp,adiabatic" };
        var outOption = new OutputFolderOptions("Output folder.");
        var seed = new Option<ulong?>("--seed") { Description = "Seed of the initial weights (overrides the model file)." };
        var command = new Command("train", "Train a layered model with plain BP and with the balance-credit rule (adiabatic, multirate) on the same split, initial weights and order; report test loss and accuracy per epoch.")
        {
            model, data, mnistDir, trainCount, testCount, epochs, learners, outOption.Out, outOption.Overwrite, seed,
        };
        command.SetAction(parse => CliApp.Guard(error, () =>
        {
            var definition = ModelFile.Load(parse.GetValue(model)!, seedOverride: parse.GetValue(seed));
            var kind = parse.GetValue(data)!;
            if (!DataKinds.Contains(kind))
            {
                throw new ArgumentException($"--data '{kind}': valid: {string.Join(", ", DataKinds)}");
            }

            var epochCount = parse.GetValue(epochs) is var e and >= 1 ? e : throw new ArgumentException("--epochs must be >= 1");
            var sizes = definition.Spec.Network.Groups.Select(g => g.Size).ToArray();
            var (train, test) = Split(kind, sizes, parse.GetValue(mnistDir), parse.GetValue(trainCount), parse.GetValue(testCount), definition.Spec.Seed);
            var session = new TrainingSession
            {
                Spec = definition.Spec,
                Multirate = definition.Scheduler,
                Train = train,
                Test = test,
                Epochs = epochCount,
                Learners = OptionLists.Names(parse.GetValue(learners)),
            };
            using var folder = outOption.Open(parse, "train", PartialFolderPolicy.StartOver, parse.GetValue(model)!);
            return Run(session, folder, kind, output);
        }));
        return command;
    }

    private static (Dataset Train, Dataset Test) Split(string kind, int[] sizes, string? mnistDir, int? trainCount, int testCount, ulong seed)
    {
        if (testCount < 1)
        {
            throw new ArgumentException("--test must be >= 1");
        }

        switch (kind)
        {
            case "mnist":
                {
                    if (sizes[0] != Mnist.Pixels || sizes[^1] != Mnist.Classes)
                    {
                        throw new ArgumentException($"--data mnist needs a model with {Mnist.Pixels} inputs and {Mnist.Classes} outputs; this one has {sizes[0]} and {sizes[^1]}");
                    }

                    var folder = mnistDir ?? new[] { FetchMnistCommand.DefaultFolder, "tests/data/mnist-subset" }.FirstOrDefault(Directory.Exists)
                        ?? throw new ArgumentException("no MNIST folder: run `neurosim fetch-mnist` or give --mnist-dir");
                    var all = Mnist.Load(folder);
                    if (testCount >= all.Count)
                    {
                        throw new ArgumentException($"--test {testCount}: the MNIST folder holds only {all.Count} digits");
                    }

                    var trainEnd = Math.Min(trainCount ?? all.Count - testCount, all.Count - testCount);
                    return (Slice(all, 0, trainEnd), Slice(all, all.Count - testCount, testCount));
                }

            case "teacher":
                {
                    var teacher = Datasets.TeacherStudent([sizes[0], Math.Max(2, sizes[1] / 2), sizes[^1]], (trainCount ?? 200) + testCount, Seeds.Derive(seed, SeedStreams.TrainTeacherData));
                    return (Slice(teacher, 0, trainCount ?? 200), Slice(teacher, trainCount ?? 200, testCount));
                }

            case "parity":
                {
                    var parity = Datasets.Parity(sizes[0], seed);
                    return sizes[^1] == 1 ? (parity, parity) : throw new ArgumentException("--data parity needs a model with 1 output");
                }

            default:
                {
                    var xor = Datasets.Xor();
                    return sizes[0] == 2 && sizes[^1] == 1 ? (xor, xor) : throw new ArgumentException("--data xor needs a model with 2 inputs and 1 output");
                }
        }
    }

    private static Dataset Slice(Dataset data, int start, int count) =>
        new(data.Name, [.. data.Inputs.Skip(start).Take(count)], [.. data.Targets.Skip(start).Take(count)]);

    private static int Run(TrainingSession session, RunFolder folder, string kind, TextWriter output)
    {
        var console = CliConsole.Create(output);
        console.MarkupLine(Markup.Escape($"{kind}: {session.Train.Count} training, {session.Test.Count} test examples; learners {string.Join(", ", session.Learners)}; {session.Epochs} epochs"));
        var watch = Stopwatch.StartNew();
        var started = DateTimeOffset.UtcNow;
        var table = new Table().Border(TableBorder.Rounded).AddColumns("learner", "epoch", "test loss", "test accuracy", "wall s");
        TrainingResult result = default!;
        void OnEpoch(string learner, int epoch, Evaluation evaluation) =>
            table.AddRow(learner, epoch.ToString(CultureInfo.InvariantCulture), evaluation.MeanLoss.ToString("0.00000", CultureInfo.InvariantCulture), evaluation.Accuracy.ToString("P2", CultureInfo.InvariantCulture), watch.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture));

        if (console.Profile.Capabilities.Interactive)
        {
            console.Progress().Start(context =>
            {
                var task = context.AddTask("training", maxValue: session.Learners.Count * session.Epochs);
                result = session.Run((learner, epoch, evaluation) =>
                {
                    OnEpoch(learner, epoch, evaluation);
                    task.Description = $"{learner}, epoch {epoch}";
                    task.Value = (session.Learners.ToList().IndexOf(learner) * session.Epochs) + epoch;
                });
            });
        }
        else
        {
            result = session.Run(OnEpoch);
        }

        console.Write(table);
        {
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

            new RunManifest
            {
                Command = "neurosim train",
                Seed = session.Spec.Seed,
                Status = "complete",
                StartedUtc = started,
                WallSeconds = watch.Elapsed.TotalSeconds,
                Settings = new Dictionary<string, object>
                {
                    ["data"] = kind,
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
            }.Save(folder.PathOf("manifest.json"));
            folder.Commit();
        }

        var figure = Path.Combine(folder.FinalPath, "plots", "learning.svg");
        SvgFile.Write(FigureRecipes.Build(FigureRecipes.Find("learning"), [RunData.Open(folder.FinalPath)], new PlotOptions()).Render(), figure);
        console.MarkupLine(Markup.Escape($"wrote loss.csv, accuracy.csv, weights/, manifest.json, plots/learning.svg to {folder.FinalPath} in {watch.Elapsed.TotalSeconds:F1} s"));
        return CliApp.Success;
    }
}

using System.CommandLine;
using System.Globalization;
using NeuroSim.Analysis.Separation;
using NeuroSim.Core.RunFolders;
using NeuroSim.Models.BalanceCredit;
using Spectre.Console;

namespace NeuroSim.Cli.Commands;

/// <summary>`neurosim separation --out DIR`: the timescale-separation study.</summary>
internal static class SeparationCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var defaults = new SeparationGrid();
        var outOption = new OutputFolderOptions("Study folder (an interrupted study resumes from the points it finished).");
        var model = new Option<string?>("--model") { Description = "Layered model file whose network to use (default: 4-8-6-3 tanh, seed 42)." };
        var eps1 = OptionValues.NumberList("--eps1", "eps1 = tau_x / tau_c values, comma-separated.", defaults.Epsilon1);
        var eps2 = OptionValues.NumberList("--eps2", "eps2 = tau_c / tau_w values, comma-separated.", defaults.Epsilon2);
        var messenger = OptionValues.NumberList("--messenger-ratios", "tau_m / tau_c values at eps1 = eps2 = --messenger-eps ('' for none).", defaults.MessengerRatios, allowEmpty: true);
        var messengerEps = new Option<double>("--messenger-eps") { Description = "eps1 = eps2 of the messenger line.", DefaultValueFactory = _ => defaults.MessengerEpsilon }.Finite(0, minExcluded: true);
        var batch = new Option<int>("--batch") { Description = "Input-target pairs per grid point.", DefaultValueFactory = _ => new ProbeNetwork().BatchSize }.AtLeast(1);
        var epochs = new Option<int>("--learning-epochs") { Description = "Epochs of the learning comparison (0 skips it).", DefaultValueFactory = _ => new LearningComparison().Epochs }.AtLeast(0);
        var learningEps = OptionValues.NumberList("--learning-eps", "eps values of the learning comparison, in (0, 10].", new LearningComparison().Epsilons, 0, 10);
        learningEps.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double[]>()?.Contains(0.0) == true)
            {
                result.AddError("--learning-eps: give values in (0, 10]");
            }
        });
        var stepSize = new Option<double>("--learning-step") { Description = "Step size lambda of the learning comparison.", DefaultValueFactory = _ => new LearningComparison().StepSize }.Finite(0, 10, minExcluded: true);
        var mnist = new Option<string>("--mnist") { Description = "MNIST folder for the second learning comparison; 'auto': data/mnist, else tests/data/mnist-subset; 'none' to skip.", DefaultValueFactory = _ => "auto" };
        var mnistEpochs = new Option<int>("--mnist-epochs") { Description = "Epochs of the MNIST comparison.", DefaultValueFactory = _ => 10 }.AtLeast(1);
        var png = new Option<bool>("--png") { Description = "Ignored: PNG and SVG are always written (kept for old scripts)." };
        var command = new Command("separation", "Sweep the timescale ratios and measure how far one presentation's weight change is from the BP step; compare learning curves with BP; write tables, figures and summary.md.")
        {
            outOption.Out, outOption.Overwrite, model, eps1, eps2, messenger, messengerEps, batch, epochs, learningEps, stepSize, mnist, mnistEpochs, png,
        };
        command.SetAction(parse => CliApp.Guard(error, () =>
        {
            var batchSize = parse.GetValue(batch);
            var learningEpochs = parse.GetValue(epochs);
            var network = parse.GetValue(model) is { } path
                ? ProbeNetwork.FromSpec(ModelFile.Load(path).Spec, batchSize, new ProbeNetwork().LearningRate)
                : new ProbeNetwork { BatchSize = batchSize };
            var models = parse.GetValue(model) is { } modelPath ? new[] { modelPath } : [];
            using var study = outOption.Open(parse, "separation", PartialFolderPolicy.Continue, models);
            var settings = new SeparationSettings
            {
                OutputDirectory = study.WorkingPath,
                Network = network,
                Grid = new SeparationGrid
                {
                    Epsilon1 = parse.GetValue(eps1)!,
                    Epsilon2 = parse.GetValue(eps2)!,
                    MessengerRatios = parse.GetValue(messenger)!,
                    MessengerEpsilon = parse.GetValue(messengerEps),
                },
                Learning = new LearningComparison
                {
                    Epochs = Math.Max(1, learningEpochs),
                    Epsilons = parse.GetValue(learningEps)!,
                    StepSize = parse.GetValue(stepSize),
                },
                RunLearning = learningEpochs > 0,
                Png = parse.GetValue(png),
                MnistLearning = MnistFolder(parse.GetValue(mnist)!) is { } folder
                    ? new LearningComparison
                    {
                        MnistFolder = folder,
                        Epochs = parse.GetValue(mnistEpochs),
                        Epsilons = [0.5, 0.2, 0.1],
                        StepSize = 0.02,
                    }
                    : null,
            };
            settings.Grid.Validate();
            var console = CliConsole.Create(output);
            console.MarkupLine(Markup.Escape($"separation study: {settings.Grid.Points().Count} grid points x {batchSize} pairs -> {study.FinalPath}"));
            var summary = SeparationReport.Run(settings, (stage, done, total) =>
            {
                if (stage == "grid" && (done == total || done % Math.Max(1, total / 10) == 0))
                {
                    console.MarkupLine(Markup.Escape($"  grid {done}/{total}"));
                }
            });
            study.Commit();
            output.Write(summary.Markdown);
            console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"done in {summary.Seconds:F1} s: {study.FinalPath}/summary.md, separation.csv, figures/")));
            return CliApp.Success;
        }));
        return command;
    }

    private static string? MnistFolder(string option) => option switch
    {
        "none" => null,
        "auto" => FetchMnistCommand.FindFolder(),
        _ => Directory.Exists(option) ? option : throw new ArgumentException($"--mnist: folder '{option}' not found (run `neurosim fetch-mnist --dir {option}`)"),
    };

}

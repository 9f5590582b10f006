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
        var eps1 = new Option<string>("--eps1") { Description = "eps1 = tau_x / tau_c values, comma-separated.", DefaultValueFactory = _ => Join(defaults.Epsilon1) };
        var eps2 = new Option<string>("--eps2") { Description = "eps2 = tau_c / tau_w values, comma-separated.", DefaultValueFactory = _ => Join(defaults.Epsilon2) };
        var messenger = new Option<string>("--messenger-ratios") { Description = "tau_m / tau_c values at eps1 = eps2 = --messenger-eps ('' for none).", DefaultValueFactory = _ => Join(defaults.MessengerRatios) };
        var messengerEps = new Option<double>("--messenger-eps") { Description = "eps1 = eps2 of the messenger line.", DefaultValueFactory = _ => defaults.MessengerEpsilon };
        var batch = new Option<int>("--batch") { Description = "Input-target pairs per grid point.", DefaultValueFactory = _ => new ProbeNetwork().BatchSize };
        var epochs = new Option<int>("--learning-epochs") { Description = "Epochs of the learning comparison (0 skips it).", DefaultValueFactory = _ => new LearningComparison().Epochs };
        var learningEps = new Option<string>("--learning-eps") { Description = "eps values of the learning comparison.", DefaultValueFactory = _ => Join(new LearningComparison().Epsilons) };
        var stepSize = new Option<double>("--learning-step") { Description = "Step size lambda of the learning comparison.", DefaultValueFactory = _ => new LearningComparison().StepSize };
        var mnist = new Option<string>("--mnist") { Description = "MNIST folder for the second learning comparison; 'auto': data/mnist, else tests/data/mnist-subset; 'none' to skip.", DefaultValueFactory = _ => "auto" };
        var mnistEpochs = new Option<int>("--mnist-epochs") { Description = "Epochs of the MNIST comparison.", DefaultValueFactory = _ => 10 };
        var png = new Option<bool>("--png") { Description = "Also write PNGs (needs rsvg-convert)." };
        var command = new Command("separation", "Sweep the timescale ratios and measure how far one presentation's weight change is from the BP step; compare learning curves with BP; write tables, figures and summary.md.")
        {
            outOption.Out, outOption.Overwrite, model, eps1, eps2, messenger, messengerEps, batch, epochs, learningEps, stepSize, mnist, mnistEpochs, png,
        };
        command.SetAction(parse => CliApp.Guard(error, () =>
        {
            var batchSize = parse.GetValue(batch) is var b and >= 1 ? b : throw new ArgumentException("--batch must be >= 1");
            var learningEpochs = parse.GetValue(epochs) is var e and >= 0 ? e : throw new ArgumentException("--learning-epochs must be >= 0");
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
                    Epsilon1 = OptionLists.Numbers(parse.GetValue(eps1)!, "--eps1"),
                    Epsilon2 = OptionLists.Numbers(parse.GetValue(eps2)!, "--eps2"),
                    MessengerRatios = OptionLists.Numbers(parse.GetValue(messenger)!, "--messenger-ratios", allowEmpty: true),
                    MessengerEpsilon = parse.GetValue(messengerEps),
                },
                Learning = new LearningComparison
                {
                    Epochs = Math.Max(1, learningEpochs),
                    Epsilons = OptionLists.Numbers(parse.GetValue(learningEps)!, "--learning-eps", allowEmpty: true) is { Length: > 0 } le && le.All(v => v is > 0 and <= 10) ? le : throw new ArgumentException("--learning-eps: give values in (0, 10]"),
                    StepSize = parse.GetValue(stepSize) is var l and > 0 and <= 10 ? l : throw new ArgumentException("--learning-step must be in (0, 10]"),
                },
                RunLearning = learningEpochs > 0,
                Png = parse.GetValue(png),
                MnistLearning = MnistFolder(parse.GetValue(mnist)!) is { } folder
                    ? new LearningComparison
                    {
                        MnistFolder = folder,
                        Epochs = parse.GetValue(mnistEpochs) is var me and >= 1 ? me : throw new ArgumentException("--mnist-epochs must be >= 1"),
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
        "auto" => new[] { FetchMnistCommand.DefaultFolder, "tests/data/mnist-subset" }.FirstOrDefault(Directory.Exists),
        _ => Directory.Exists(option) ? option : throw new ArgumentException($"--mnist: folder '{option}' not found (run `neurosim fetch-mnist --dir {option}`)"),
    };

    private static string Join(IEnumerable<double> values) => string.Join(",", values.Select(v => v.ToString(CultureInfo.InvariantCulture)));

}

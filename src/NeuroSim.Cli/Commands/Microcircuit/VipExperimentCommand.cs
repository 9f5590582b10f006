using NeuroSim.Analysis.Microcircuit.Recall;

namespace NeuroSim.Cli.Commands.Microcircuit;

/// <summary>
/// `neurosim microcircuit vip`: VIP disinhibition (arXiv v1 of Sacramento et al.): a microcircuit with a sensory
/// copy of the image learns MNIST and its top-down weights (Eq. 10); opening the VIP gate lets top-down recall
/// denoise corrupted digits and generate class prototypes (<see cref="VipRecallRun"/>).
/// </summary>
internal static class VipExperimentCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var defaults = new VipRecallSettings();
        var data = MnistFolder.DataOption();
        var hidden = new Option<int>("--hidden") { Description = "Hidden-layer size (network 784-784-H-10; the first 784 are the sensory copy).", DefaultValueFactory = _ => defaults.Hidden }.AtLeast(1);
        var epochs = new Option<int>("--epochs") { Description = "Training passes over the digits.", DefaultValueFactory = _ => defaults.Epochs }.AtLeast(0);
        var train = new Option<int>("--train") { Description = "Training digits (the first N).", DefaultValueFactory = _ => 8000 }.AtLeast(1);
        var test = new Option<int>("--test") { Description = "Held-out digits recalled (the first N of the last 2,000).", DefaultValueFactory = _ => 500 }.AtLeast(1);
        var noise = OptionValues.Choice("--noise", "Corruption: flip (pixel -> 1 - pixel with probability --level) or gaussian (sd --level, clipped).", Corruption.Flip);
        var level = new Option<double>("--level") { Description = "Flip probability or Gaussian sd.", DefaultValueFactory = _ => 0.3 }.Finite(0);
        var seed = new Option<ulong>("--seed") { Description = "Seed of the weights, the order and the corruption.", DefaultValueFactory = _ => 1 };
        var outOption = new OutputFolderOptions("Output folder.");
        var command = new Command("vip", "VIP disinhibition: top-down recall with the interneuron gate open denoises corrupted digits and generates class prototypes (design [I], see summary.md).")
        {
            data, hidden, epochs, train, test, noise, level, seed, outOption.Out, outOption.Overwrite,
        };
        command.SetAction(parse => CliApp.Guard(error, () =>
        {
            if (parse.GetValue(noise) == Corruption.Flip && parse.GetValue(level) > 1)
            {
                throw new ArgumentException($"--level {parse.GetValue(level)}: a flip probability in [0, 1] or a Gaussian sd >= 0");
            }

            var settings = defaults with { Hidden = parse.GetValue(hidden), Epochs = parse.GetValue(epochs), Seed = parse.GetValue(seed) };
            settings.Validate();
            var (trainSet, testSet) = VipRecallRun.Split(parse.GetValue(data)!, parse.GetValue(train), parse.GetValue(test));
            using var folder = outOption.Open(parse, "microcircuit vip");
            var console = CliConsole.Create(output);
            VipRecallRun.Run(settings, trainSet, testSet, parse.GetValue(noise), parse.GetValue(level), folder, line => console.MarkupLine(Markup.Escape(line)));
            return CliApp.Success;
        }));
        return command;
    }
}

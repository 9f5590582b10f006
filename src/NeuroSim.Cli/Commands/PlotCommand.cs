using NeuroSim.Plotting.Data;
using NeuroSim.Plotting.Recipes;
using NeuroSim.Plotting.Rendering;

namespace NeuroSim.Cli.Commands;

/// <summary>`neurosim plot RUN_DIR`: a figure (PNG and SVG) from a run folder.</summary>
internal static class PlotCommand
{
    private static readonly string[] FigureFiles = [".png", ".svg"];

    public static Command Create(TextWriter output, TextWriter error)
    {
        var runsArgument = new Argument<string[]>("RUN_DIR") { Description = "Run folder(s) to draw (several only for --kind learning).", Arity = ArgumentArity.OneOrMore };
        var kindOption = new Option<string>("--kind") { Description = $"Figure kind: {string.Join(", ", FigureRecipes.Kinds)}.", DefaultValueFactory = _ => "ei-balance" };
        var figureOptions = new RecordOptions<PlotOptions>(new PlotOptions());
        var neuronsOption = figureOptions.Add(new Option<IReadOnlyList<string>?>("--neurons") { Description = "Neurons as GROUP:INDEX, comma-separated (e.g. L1:0,L1:3,L2:0); default: a few hidden neurons and an output.", HelpName = "list", Arity = ArgumentArity.ExactlyOne, CustomParser = result => OptionValues.Parse(result, ParseNeurons) }, (o, v) => o with { Neurons = v });
        var outOption = new Option<string?>("--out") { Description = "Figure file to write (default: RUN_DIR/plots/KIND.png); the PNG and the SVG are written side by side." };
        var fromOption = figureOptions.Add(new Option<double?>("--from") { Description = "Start of the time window in ms (default: the recorded stretch chosen by --segment)." }, (o, v) => o with { FromMs = v });
        var toOption = figureOptions.Add(new Option<double?>("--to") { Description = "End of the time window in ms." }, (o, v) => o with { ToMs = v });
        var segmentOption = figureOptions.Add("--segment", "Contiguous recorded stretch to show when --from/--to are not given: 1 = first, -1 = last.", o => o.Segment, (o, v) => o with { Segment = v });
        segmentOption.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() == 0)
            {
                result.AddError("--segment 0: count from 1 (first) or from -1 (last)");
            }
        });
        var orderOption = figureOptions.Add(new Option<string?>("--order") { Description = "Neuron order for the weight heatmaps: CSV rows group,index[,community]." }, (o, v) => o with { OrderFile = v });
        var thresholdOption = figureOptions.Add("--threshold", "Update raster: event when |dv/dt| >= this fraction of its process's reference rate (99th percentile of its rates).", o => o.Threshold, (o, v) => o with { Threshold = v });
        var yChoice = new Option<string?>("--y") { Description = "y ranges of the panels in a row (ei-balance, apical): shared across neurons, or free per panel (default: shared, free for credit)." };
        yChoice.AcceptOnlyFromAmong("shared", "free");
        var yOption = figureOptions.Add(yChoice, (o, v) => o with { YRanges = v is null ? null : Enum.Parse<YRanges>(v, ignoreCase: true) });
        var overwriteOption = new Option<bool>("--overwrite") { Description = "Replace the file given with --out (and its PNG) when it exists." };
        var command = new Command("plot", "Draw a figure from a run folder: ei-balance (per-neuron E, I, s, f(s), x, c traces), weights (heatmaps, trajectories), updates (event raster of x, c, W), learning (loss curves of one or several runs), apical (dendritic microcircuit: soma, basal prediction, apical potential, interneuron prediction vs top-down input).")
        {
            runsArgument,
            kindOption,
            neuronsOption,
            outOption,
            fromOption,
            toOption,
            segmentOption,
            orderOption,
            thresholdOption,
            yOption,
            overwriteOption,
        };
        command.SetAction(parse => CliApp.Guard(error, () =>
        {
            var recipe = FigureRecipes.Find(parse.GetValue(kindOption)!);
            if (parse.GetValue(outOption) is { } chosen)
            {
                RefuseToReplace(chosen, parse.GetValue(overwriteOption));
            }

            var runs = parse.GetValue(runsArgument)!.Select(RunData.Open).ToList();
            var figure = FigureRecipes.Build(recipe, runs, figureOptions.Bind(parse));
            var path = parse.GetValue(outOption) ?? Path.Combine(runs[0].FolderPath, "plots", recipe.Kind + ".png");
            var (png, svg) = FigureFile.Write(figure, path);
            output.WriteLine($"wrote {png}");
            output.WriteLine($"wrote {svg}");

            return CliApp.Success;
        }));
        return command;
    }

    /// <summary>A file named with --out may be the user's: it is replaced only when --overwrite says so, and a folder never.</summary>
    private static void RefuseToReplace(string path, bool overwrite)
    {
        if (Directory.Exists(path))
        {
            throw new ArgumentException($"--out '{path}' is a folder; give a file name, e.g. {Path.Combine(path, "figure.png")}");
        }

        var existing = FigureFiles.Select(e => Path.ChangeExtension(path, e)).FirstOrDefault(File.Exists);
        if (!overwrite && existing is not null)
        {
            throw new ArgumentException($"--out '{path}' exists{(existing == path ? string.Empty : $" (as {existing})")}; add --overwrite to replace it, or give a new file name");
        }
    }

    /// <summary>"L1:0, L1:3" -> ["L1:0", "L1:3"]; each item must be GROUP:INDEX.</summary>
    internal static IReadOnlyList<string>? ParseNeurons(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var neurons = OptionLists.Names(text);
        foreach (var neuron in neurons)
        {
            var colon = neuron.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(neuron.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                throw new ArgumentException($"--neurons: '{neuron}' is not GROUP:INDEX (e.g. L1:3)");
            }
        }

        return neurons;
    }
}

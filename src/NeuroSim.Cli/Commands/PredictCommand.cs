using NeuroSim.Analysis.Predictions;

namespace NeuroSim.Cli.Commands;

/// <summary>`neurosim predict [--out DIR] [--seeds N]`: predictions for wet-lab experiments, as means with 95% confidence intervals over seeds.</summary>
internal static class PredictCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var outOption = new OutputFolderOptions("Report folder.", Path.Combine("runs", "predictions"));
        var seeds = new Option<int>("--seeds") { Description = "Seeds (network weights) per condition.", DefaultValueFactory = _ => PredictionContext.DefaultSeeds }.AtLeast(1);
        var only = new Option<string?>("--only") { Description = "Comma-separated prediction ids to run (default: all)." };
        var protocols = new Option<string>("--protocols") { Description = "Folder of the predictions' sweep files and protocols.", DefaultValueFactory = _ => Path.Combine("protocols", "predictions") };
        var workers = new Option<int>("--workers") { Description = "Runs in parallel within each prediction's sweep (default: the core count). The numbers do not depend on it.", DefaultValueFactory = _ => Environment.ProcessorCount }.AtLeast(1);
        var png = new Option<bool>("--png") { Description = "Ignored: PNG and SVG are always written (kept for old scripts)." };
        var command = new Command("predict", "Run the virtual experiments of protocols/predictions/ (sweep files, run as `neurosim sweep` would) and write predictions.md and predictions.csv (effects as mean and 95% confidence interval over seeds).")
        {
            outOption.Out, outOption.Overwrite, seeds, only, protocols, workers, png,
        };
        command.SetAction(parse => CliApp.Guard(error, () =>
        {
            var folder = parse.GetValue(protocols)!;
            if (!Directory.Exists(folder))
            {
                throw new ArgumentException($"--protocols: folder '{folder}' not found (run from the repository root or give the path)");
            }

            using var report = outOption.Open(parse, "predict");
            var context = new PredictionContext(folder, report.WorkingPath, parse.GetValue(seeds), parse.GetValue(png)) { Workers = parse.GetValue(workers) };
            var watch = Stopwatch.StartNew();
            var ids = OptionLists.Names(parse.GetValue(only));
            var outcomes = PredictionBattery.Run(context, ids);
            report.Commit();
            foreach (var outcome in outcomes)
            {
                output.WriteLine($"{outcome.Id}. {outcome.Title}: {outcome.Effect}");
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote predictions.md, predictions.csv and figures/ to {report.FinalPath} in {watch.Elapsed.TotalSeconds:F1} s"));
            return CliApp.Success;
        }));
        return command;
    }
}

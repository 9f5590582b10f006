using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using NeuroSim.Experiments.Sweeps;

namespace NeuroSim.Cli.Commands;

/// <summary>`neurosim sweep SWEEP.yaml --out DIR`: every point of a sweep file as a run folder, collected into sweep.csv and summary.md.</summary>
internal static class SweepCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var file = new Argument<string>("sweep") { Description = "Sweep file (docs/sweeps.md): a model, a protocol, the parameters that vary, seeds and metrics." };
        var outOption = new OutputFolderOptions("Sweep folder to write: runs/ (one run folder per point and seed), sweep.csv, summary.md.");
        var workers = new Option<int>("--workers") { Description = "Runs in parallel (default: the core count). The tables do not depend on it.", DefaultValueFactory = _ => Environment.ProcessorCount }.AtLeast(1);
        var resume = new Option<bool>("--resume") { Description = "Continue an interrupted sweep: finished runs are kept, interrupted ones resume from their checkpoints." };
        var command = new Command("sweep", "Run a sweep file: a base model and protocol, parameters varied over lists or ranges (any --set path), seeds, and metrics computed from each run; writes sweep.csv (one row per run) and summary.md (mean and 95% CI over seeds, limits found).")
        {
            file, outOption.Out, outOption.Overwrite, workers, resume,
        };
        command.SetAction(parse => CliApp.Guard(error, () =>
        {
            var plan = new SweepPlan(SweepFile.Load(parse.GetValue(file)!));
            using var interruption = Interruption.Handle();
            var watch = Stopwatch.StartNew();
            var gate = new object();
            var lastLine = TimeSpan.Zero;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{plan.Spec.Name}: {plan.Points} points x {plan.Spec.Seeds.Count} seeds = {plan.Runs.Count} runs, {parse.GetValue(workers)} workers"));
            var outcome = SweepRunner.Run(plan, new SweepOptions(outOption.PathOf(parse))
            {
                Workers = parse.GetValue(workers),
                Overwrite = parse.GetValue(outOption.Overwrite),
                Resume = parse.GetValue(resume),
                Interrupt = interruption.Token,
            }, p =>
            {
                lock (gate)
                {
                    if (watch.Elapsed - lastLine < TimeSpan.FromSeconds(5) && p.Done < p.Total)
                    {
                        return;
                    }

                    lastLine = watch.Elapsed;
                    var eta = p.Done > 0 && p.Done < p.Total ? string.Create(CultureInfo.InvariantCulture, $", about {watch.Elapsed.TotalSeconds / p.Done * (p.Total - p.Done):F0} s left") : string.Empty;
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{p.Done} of {p.Total} runs done, {p.Failed} failed, {p.Running} running ({watch.Elapsed.TotalSeconds:F0} s{eta})"));
                }
            });
            if (outcome.Status == "interrupted")
            {
                error.WriteLine($"neurosim: interrupted; finished runs kept in {outcome.OutputDirectory}");
                error.WriteLine($"resume with: neurosim {string.Join(' ', parse.Tokens.Select(t => t.Value).Where(a => a is not "--overwrite" and not "--resume"))} --resume");
                return interruption.ExitCode;
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"complete: {outcome.Runs} runs ({outcome.Failed} not complete) in {watch.Elapsed.TotalSeconds:F1} s -> {outcome.OutputDirectory}"));
            return CliApp.Success;
        }));
        return command;
    }
}

using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using NeuroSim.Analysis.Sweeps;
using NeuroSim.Core.RunFolders;
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
        var backend = OptionValues.Choice("--backend", "Where the runs execute: local (in-process workers) or slurm (one job array, submitted with sbatch and followed with squeue).", "local", "local", "slurm");
        var partition = new Option<string?>("--partition") { Description = "slurm: the partition (sbatch --partition)." };
        var time = new Option<string>("--time") { Description = "slurm: wall-time limit of one array task (sbatch --time).", DefaultValueFactory = _ => "01:00:00" };
        var tasks = new Option<int>("--tasks") { Description = "slurm: array tasks; the runs are dealt round-robin to them (0: one per run, at most 1,000)." }.AtLeast(0);
        var arrayLimit = new Option<int>("--array-limit") { Description = "slurm: most array tasks running at once (the %M of --array; 0: no limit)." }.AtLeast(0);
        var sbatchArgs = new Option<string[]>("--sbatch-arg") { Description = "slurm: a further sbatch argument, e.g. --sbatch-arg=--mem=2G. Repeatable.", AllowMultipleArgumentsPerToken = false };
        var slurmTask = new Option<int?>("--slurm-task") { Description = "Inside a SLURM array task: run this task's share of the runs.", Hidden = true };
        var slurmTasks = new Option<int>("--slurm-tasks") { Description = "Inside a SLURM array task: the number of tasks.", Hidden = true };
        var command = new Command("sweep", "Run a sweep file: a base model and protocol, parameters varied over lists or ranges (any --set path), seeds, and metrics computed from each run; writes sweep.csv (one row per run) and summary.md (mean and 95% CI over seeds, limits found).")
        {
            file, outOption.Out, outOption.Overwrite, workers, resume, backend, partition, time, tasks, arrayLimit, sbatchArgs, slurmTask, slurmTasks,
        };
        command.SetAction(parse => CliApp.Guard(error, () =>
        {
            var plan = new SweepPlan(SweepFile.Load(parse.GetValue(file)!));
            if (parse.GetValue(slurmTask) is { } task)
            {
                SlurmExecutor.RunTask(plan, RunFolder.PartialPathOf(outOption.PathOf(parse)), task, parse.GetValue(slurmTasks) is > 0 and var n ? n : throw new ArgumentException("--slurm-tasks must be > 0"));
                return CliApp.Success;
            }

            ISweepExecutor? executor = parse.GetValue(backend) == "slurm"
                ? new SlurmExecutor(new SlurmSettings
                {
                    NeuroSim = SelfCommand(),
                    SweepFile = Path.GetFullPath(parse.GetValue(file)!),
                    OutputDirectory = Path.GetFullPath(outOption.PathOf(parse)),
                    Partition = parse.GetValue(partition),
                    Time = parse.GetValue(time)!,
                    Tasks = parse.GetValue(tasks),
                    ArrayLimit = parse.GetValue(arrayLimit),
                    SbatchArguments = parse.GetValue(sbatchArgs) ?? [],
                })
                : null;
            using var interruption = Interruption.Handle();
            var lines = new ProgressLines(output, TimeSpan.FromSeconds(5));
            var outcome = SweepRunner.Run(plan, new SweepOptions(outOption.PathOf(parse))
            {
                Workers = parse.GetValue(workers),
                Overwrite = parse.GetValue(outOption.Overwrite),
                Resume = parse.GetValue(resume),
                Interrupt = interruption.Token,
                Backend = executor,
                Report = new SweepFigures(),
                Started = () => output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{plan.Spec.Name}: {plan.Points} points x {plan.Spec.Seeds.Count} seeds = {plan.Runs.Count} runs, {(executor is null ? $"{parse.GetValue(workers)} workers" : "SLURM job array")}")),
            }, p => lines.Write(
                elapsed =>
                {
                    var eta = p.Done > 0 && p.Done < p.Total ? string.Create(CultureInfo.InvariantCulture, $", about {elapsed.TotalSeconds / p.Done * (p.Total - p.Done):F0} s left") : string.Empty;
                    return string.Create(CultureInfo.InvariantCulture, $"{p.Done} of {p.Total} runs done, {p.Failed} failed, {p.Running} running ({elapsed.TotalSeconds:F0} s{eta})");
                },
                force: p.Done == p.Total));
            if (outcome.Status == "interrupted")
            {
                error.WriteLine($"neurosim: interrupted; finished runs kept in {outcome.OutputDirectory}");
                error.WriteLine($"resume with: neurosim {RunCommand.ResumeArguments(parse.Tokens.Select(t => t.Value))}");
                return interruption.ExitCode;
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"complete: {outcome.Runs} runs ({outcome.Failed} not complete) in {lines.Elapsed.TotalSeconds:F1} s -> {outcome.OutputDirectory}"));
            return CliApp.Success;
        }));
        return command;
    }

    /// <summary>How an array task starts this same NeuroSim: the dotnet host with this build's neurosim.dll.</summary>
    private static string[] SelfCommand()
    {
        var host = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
        return [host, typeof(SweepCommand).Assembly.Location];
    }
}

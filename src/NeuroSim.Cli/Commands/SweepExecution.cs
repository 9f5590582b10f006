using NeuroSim.Analysis.Sweeps;
using NeuroSim.Experiments.Sweeps;

namespace NeuroSim.Cli.Commands;

/// <summary>
/// The options and the action shared by every command that runs a sweep (`sweep`, `separation`): where it goes, workers,
/// resume, the SLURM backend, and --model/--protocol in place of the sweep file's own.
/// </summary>
internal sealed class SweepExecution
{
    private readonly OutputFolderOptions outOption;
    private readonly Option<int> workers = new Option<int>("--workers") { Description = "Runs in parallel (default: the core count). The tables do not depend on it.", DefaultValueFactory = _ => Environment.ProcessorCount }.AtLeast(1);
    private readonly Option<bool> noLockstep = new("--no-lockstep") { Description = "Step every run alone instead of the seeds of a grid point in lock step (the same results, bit for bit; slower for small networks)." };
    private readonly Option<bool> resume = new("--resume") { Description = "Continue an interrupted sweep: finished runs are kept, interrupted ones resume from their checkpoints." };
    private readonly Option<int?> seeds = new Option<int?>("--seeds") { Description = "Run seeds 1..N instead of the sweep file's seeds (e.g. 1 for a quick look)." };
    private readonly Option<bool> collect = new("--collect") { Description = "Run nothing: collect the tables and figures of the sweep folder at --out again from its run folders (the sweep, model and protocol are read from its inputs/); a partial folder whose runs are all there is completed." };
    private readonly Option<string> backend = OptionValues.Choice("--backend", "Where the runs execute: local (in-process workers) or slurm (one job array, submitted with sbatch and followed with squeue).", "local", "local", "slurm");
    private readonly Option<string?> partition = new("--partition") { Description = "slurm: the partition (sbatch --partition)." };
    private readonly Option<string> time = new("--time") { Description = "slurm: wall-time limit of one array task (sbatch --time).", DefaultValueFactory = _ => "01:00:00" };
    private readonly Option<int> tasks = new Option<int>("--tasks") { Description = "slurm: array tasks; the runs are dealt round-robin to them (0: one per run, at most 1,000)." }.AtLeast(0);
    private readonly Option<int> arrayLimit = new Option<int>("--array-limit") { Description = "slurm: most array tasks running at once (the %M of --array; 0: no limit)." }.AtLeast(0);
    private readonly Option<string[]> sbatchArgs = new("--sbatch-arg") { Description = "slurm: a further sbatch argument, e.g. --sbatch-arg=--mem=2G. Repeatable.", AllowMultipleArgumentsPerToken = false };
    private readonly Option<int?> slurmTask = new("--slurm-task") { Description = "Inside a SLURM array task: run this task's share of the runs.", Hidden = true };
    private readonly Option<int> slurmTasks = new("--slurm-tasks") { Description = "Inside a SLURM array task: the number of tasks.", Hidden = true };

    public SweepExecution(string outDescription, string modelDescription, string protocolDescription)
    {
        outOption = new OutputFolderOptions(outDescription);
        Model = new Option<string?>("--model") { Description = modelDescription };
        Protocol = new Option<string?>("--protocol") { Description = protocolDescription };
    }

    public Option<string?> Model { get; }

    public Option<string?> Protocol { get; }

    /// <summary>Adds every option to <paramref name="command"/>.</summary>
    public Command AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in new Option[] { outOption.Out, outOption.Overwrite, Model, Protocol, seeds, workers, noLockstep, resume, collect, backend, partition, time, tasks, arrayLimit, sbatchArgs, slurmTask, slurmTasks })
        {
            command.Options.Add(option);
        }

        return command;
    }

    /// <summary>Runs the sweep file <paramref name="sweepFile"/> as the parsed options say; the exit code.</summary>
    public int Run(ParseResult parse, string sweepFile, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var model = parse.GetValue(Model);
        var protocol = parse.GetValue(Protocol);
        if (parse.GetValue(collect))
        {
            if (model is not null || protocol is not null || parse.GetValue(resume))
            {
                throw new ArgumentException("--collect reads the model and protocol from the sweep folder: give no --model, --protocol or --resume");
            }

            var collected = SweepRunner.Collect(outOption.PathOf(parse), new SweepFigures());
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(collected.Status == RunStatus.Complete ? "collected" : "collected, runs missing, left partial")}: {collected.Runs} runs ({collected.Failed} not complete) -> {collected.OutputDirectory}"));
            return CliApp.Success;
        }

        var spec = SweepFile.Load(sweepFile, model, protocol);
        if (parse.GetValue(seeds) is { } count)
        {
            spec = spec.WithSeeds(count);
        }

        var plan = new SweepPlan(spec);
        if (parse.GetValue(slurmTask) is { } task)
        {
            SlurmExecutor.RunTask(plan, RunFolder.PartialPathOf(outOption.PathOf(parse)), task, parse.GetValue(slurmTasks) is > 0 and var n ? n : throw new ArgumentException("--slurm-tasks must be > 0"));
            return CliApp.Success;
        }

        ISweepExecutor? executor = parse.GetValue(backend) == "slurm"
            ? new SlurmExecutor(new SlurmSettings
            {
                NeuroSim = SelfCommand(),
                SweepArguments = [Path.GetFullPath(sweepFile), .. model is null ? [] : new[] { "--model", plan.Spec.ModelPath }, .. protocol is null ? [] : new[] { "--protocol", plan.Spec.ProtocolPath },
                    .. parse.GetValue(seeds) is { } seedCount ? new[] { "--seeds", seedCount.ToString(CultureInfo.InvariantCulture) } : []],
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
            Lockstep = !parse.GetValue(noLockstep),
            Overwrite = parse.GetValue(outOption.Overwrite),
            Resume = parse.GetValue(resume),
            Interrupt = interruption.Token,
            Backend = executor,
            Report = new SweepFigures(),
            Started = () => output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{plan.Spec.Name}: {plan.Points} points x {plan.Spec.Seeds.Count} seeds = {plan.Runs.Count} runs of {Path.GetFileName(plan.Spec.ModelPath)} with {Path.GetFileName(plan.Spec.ProtocolPath)}, {(executor is null ? $"{parse.GetValue(workers)} workers" : "SLURM job array")}")),
        }, p => lines.Write(
            elapsed =>
            {
                var eta = p.Done > 0 && p.Done < p.Total ? string.Create(CultureInfo.InvariantCulture, $", about {elapsed.TotalSeconds / p.Done * (p.Total - p.Done):F0} s left") : string.Empty;
                return string.Create(CultureInfo.InvariantCulture, $"{p.Done} of {p.Total} runs done, {p.Failed} failed, {p.Running} running ({elapsed.TotalSeconds:F0} s{eta})");
            },
            force: p.Done == p.Total));
        if (outcome.Status == RunStatus.Interrupted)
        {
            error.WriteLine($"neurosim: interrupted; finished runs kept in {outcome.OutputDirectory}");
            error.WriteLine($"resume with: neurosim {RunCommand.ResumeArguments(parse.Tokens.Select(t => t.Value))}");
            return interruption.ExitCode;
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"complete: {outcome.Runs} runs ({outcome.Failed} not complete) in {lines.Elapsed.TotalSeconds:F1} s -> {outcome.OutputDirectory}"));
        return CliApp.Success;
    }

    /// <summary>How an array task starts this same NeuroSim: the dotnet host with this build's neurosim.dll.</summary>
    private static string[] SelfCommand()
    {
        var host = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
        return [host, typeof(SweepExecution).Assembly.Location];
    }
}

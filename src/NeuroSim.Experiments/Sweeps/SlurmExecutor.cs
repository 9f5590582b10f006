using System.Diagnostics;
using System.Text;
using NeuroSim.Core.RunFolders;

namespace NeuroSim.Experiments.Sweeps;

/// <summary>How a sweep is submitted to SLURM.</summary>
public sealed record SlurmSettings
{
    /// <summary>The command that starts NeuroSim on a compute node, e.g. ["/usr/bin/dotnet", "/opt/neurosim/neurosim.dll"].</summary>
    public required IReadOnlyList<string> NeuroSim { get; init; }

    /// <summary>
    /// What names the sweep to `neurosim sweep`, as the array tasks are to be given it: the sweep file, and --model and
    /// --protocol when they replace the file's own.
    /// </summary>
    public required IReadOnlyList<string> SweepArguments { get; init; }

    public required string OutputDirectory { get; init; }

    public string? Partition { get; init; }

    /// <summary>Wall-time limit of one array task (sbatch --time).</summary>
    public string Time { get; init; } = "01:00:00";

    /// <summary>Array tasks: the pending runs are dealt round-robin to this many tasks (0: one task per run, at most 1,000).</summary>
    public int Tasks { get; init; }

    /// <summary>Most array tasks running at once (the %M of --array; 0: no limit).</summary>
    public int ArrayLimit { get; init; }

    /// <summary>Further sbatch arguments, passed as given (e.g. --account=X, --mem=2G).</summary>
    public IReadOnlyList<string> SbatchArguments { get; init; } = [];

    /// <summary>Variables set for sbatch, squeue and scancel (e.g. SLURM_CONF for a private cluster).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>How often squeue is asked whether the job has ended (sbatch --wait polls far less often).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);
}

/// <summary>
/// Runs a sweep as one SLURM job array: the pending runs are written to slurm/runs.txt in the sweep's partial
/// folder, a script slurm/sweep.sbatch runs `neurosim sweep FILE --out DIR --slurm-task K --slurm-tasks N` in array
/// task K (which runs every N-th pending run, each through <see cref="SweepRunner.RunOne"/>), it is submitted with
/// sbatch and followed with squeue (sacct needs slurmdbd, which small clusters lack). Tasks write the same run
/// folders the local workers write, so the tables are the same bytes. A task that dies leaves its runs without a
/// folder; they are "failed" in sweep.csv and `--resume` submits only them.
/// </summary>
public sealed class SlurmExecutor(SlurmSettings settings) : ISweepExecutor
{
    public const string RunsListFile = "runs.txt";

    public void Execute(SweepPlan plan, string runsFolder, Action<SweepProgress>? progress, CancellationToken interrupt)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var pending = plan.Runs.Where(r => !SweepRunner.IsDone(plan, runsFolder, r)).ToList();
        if (pending.Count == 0)
        {
            return;
        }

        var slurm = Path.Combine(Path.GetDirectoryName(runsFolder)!, "slurm");
        Directory.CreateDirectory(slurm);
        var tasks = Math.Min(settings.Tasks > 0 ? settings.Tasks : Math.Min(pending.Count, 1000), pending.Count);
        AtomicFile.WriteAllText(Path.Combine(slurm, RunsListFile), string.Concat(pending.Select(r => r.Index.ToString(CultureInfo.InvariantCulture) + "\n")));
        var script = Path.Combine(slurm, "sweep.sbatch");
        AtomicFile.WriteAllText(script, Script(slurm, tasks));
        var job = Submit(script);
        try
        {
            while (Queued(job))
            {
                if (interrupt.WaitHandle.WaitOne(settings.PollInterval))
                {
                    Client("scancel", [job]);
                    return;
                }

                Report(plan, runsFolder, progress, tasks);
            }
        }
        finally
        {
            Report(plan, runsFolder, progress, 0);
        }
    }

    /// <summary>Array task <paramref name="task"/> of <paramref name="tasks"/>: runs its share of slurm/runs.txt, one after another.</summary>
    public static void RunTask(SweepPlan plan, string partialFolder, int task, int tasks)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var list = Path.Combine(partialFolder, "slurm", RunsListFile);
        if (!File.Exists(list))
        {
            throw new IOException($"no {list}: the sweep folder was not prepared by a SLURM submission");
        }

        var runs = Path.Combine(partialFolder, "runs");
        var indices = File.ReadAllLines(list).Select(l => int.Parse(l, CultureInfo.InvariantCulture)).ToList();
        for (var k = task; k < indices.Count; k += tasks)
        {
            SweepRunner.RunOne(plan, plan.Runs[indices[k]], runs, CancellationToken.None);
        }
    }

    private string Script(string slurm, int tasks)
    {
        var text = new StringBuilder("#!/bin/bash\n");
        text.Append(CultureInfo.InvariantCulture, $"#SBATCH --job-name=neurosim-sweep\n#SBATCH --array=0-{tasks - 1}{(settings.ArrayLimit > 0 ? $"%{settings.ArrayLimit}" : string.Empty)}\n");
        text.Append(CultureInfo.InvariantCulture, $"#SBATCH --output={slurm}/task-%a.out\n#SBATCH --time={settings.Time}\n#SBATCH --ntasks=1\n");
        if (settings.Partition is { } partition)
        {
            text.Append(CultureInfo.InvariantCulture, $"#SBATCH --partition={partition}\n");
        }

        var command = settings.NeuroSim.Concat(["sweep", .. settings.SweepArguments, "--out", settings.OutputDirectory, "--slurm-task"]).Select(ShellWords.Quote);
        text.Append("exec ").AppendJoin(' ', command).Append(CultureInfo.InvariantCulture, $" \"$SLURM_ARRAY_TASK_ID\" --slurm-tasks {tasks}\n");
        return text.ToString();
    }

    private string Submit(string script)
    {
        var (code, output, error) = Client("sbatch", ["--parsable", .. settings.SbatchArguments, script]);
        var id = output.Trim().Split(';')[0];
        return code == 0 && id.Length > 0 && id.All(char.IsAsciiDigit)
            ? id
            : throw new InvalidOperationException($"sbatch failed (exit {code}): {(error + output).Trim().ReplaceLineEndings(" ")}");
    }

    private bool Queued(string job)
    {
        var (code, output, error) = Client("squeue", ["-h", "-j", job]);
        // squeue exits 1 with "Invalid job id" once a finished job has left the controller's memory.
        return code == 0 ? output.Trim().Length > 0 : error.Contains("Invalid job id", StringComparison.OrdinalIgnoreCase) ? false
            : throw new InvalidOperationException($"squeue failed (exit {code}): {error.Trim()}");
    }

    private static void Report(SweepPlan plan, string runsFolder, Action<SweepProgress>? progress, int running)
    {
        if (progress is null)
        {
            return;
        }

        var failed = plan.Runs.Count(r => File.Exists(SweepRunner.FailureFileOf(runsFolder, r)));
        var done = plan.Runs.Count(r => SweepRunner.IsDone(plan, runsFolder, r)) + failed;
        progress(new SweepProgress(done, failed, plan.Runs.Count, running));
    }

    private (int Code, string Output, string Error) Client(string program, IReadOnlyList<string> arguments)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in settings.Environment)
        {
            info.Environment[name] = value;
        }

        try
        {
            using var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"{program} did not answer within 60 s");
            }

            return (process.ExitCode, output.Result, error.Result);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{program} is not installed or not on PATH ({e.Message}): the SLURM backend needs the SLURM client commands", e);
        }
    }
}

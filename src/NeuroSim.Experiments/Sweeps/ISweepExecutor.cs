using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace NeuroSim.Experiments.Sweeps;

/// <summary>
/// Where a sweep's runs execute. An executor runs every run of the plan that is not done yet into the runs folder
/// (each through <see cref="SweepRunner.RunOne"/>, wherever that happens) and returns when all have ended or the
/// interrupt has stopped them; the sweep then collects the same tables from the same folders whatever the executor.
/// </summary>
public interface ISweepExecutor
{
    void Execute(SweepPlan plan, string runsFolder, Action<SweepProgress>? progress, CancellationToken interrupt);
}

/// <summary>
/// In-process workers: up to <paramref name="workers"/> runs at once, each with its own model. With
/// <paramref name="lockstep"/> (the default), the seeds of a grid point are one work item: they run side by side, each on
/// its own thread and into its own folder as alone, and their models are stepped in lock step where the batched stepper
/// takes them (<see cref="LockstepGroup"/>, bit for bit the same results); the points go largest first.
/// </summary>
public sealed class LocalExecutor(int workers, bool lockstep = true) : ISweepExecutor
{
    public void Execute(SweepPlan plan, string runsFolder, Action<SweepProgress>? progress, CancellationToken interrupt)
    {
        ArgumentNullException.ThrowIfNull(plan);
        int done = 0, failed = 0, running = 0;
        var kernelThreads = Math.Max(1, Environment.ProcessorCount / Math.Max(1, workers));
        void RunAndCount(SweepRun run, LockstepGroup? group)
        {
            Interlocked.Increment(ref running);
            try
            {
                if (!SweepRunner.RunOne(plan, run, runsFolder, interrupt, kernelThreads, group))
                {
                    Interlocked.Increment(ref failed);
                }
            }
            finally
            {
                Interlocked.Decrement(ref running);
                Interlocked.Increment(ref done);
                progress?.Invoke(new SweepProgress(Volatile.Read(ref done), Volatile.Read(ref failed), plan.Runs.Count, Volatile.Read(ref running)));
            }
        }

        List<List<SweepRun>> items = lockstep
            ? [.. plan.Runs.GroupBy(r => r.Point).Select(g => g.ToList()).OrderByDescending(g => PlannedSteps(plan, g[0]))]
            : [.. plan.Runs.Select(r => new List<SweepRun> { r })];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, workers) };
        Parallel.ForEach(Partitioner.Create(items, EnumerablePartitionerOptions.NoBuffering), options, (item, state) =>
        {
            if (interrupt.IsCancellationRequested)
            {
                state.Stop();
                return;
            }

            var pending = item.Where(run => !SweepRunner.IsDone(plan, runsFolder, run)).ToList();
            Interlocked.Add(ref done, item.Count - pending.Count);
            if (pending.Count <= 1)
            {
                pending.ForEach(run => RunAndCount(run, null));
                return;
            }

            var group = new LockstepGroup(pending.Count, interrupt);
            var errors = new Exception?[pending.Count];
            var threads = pending.Select((run, k) => new Thread(() =>
            {
                try
                {
                    RunAndCount(run, group);
                }
#pragma warning disable CA1031 // Any exception of a member thread is rethrown on the worker below.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    errors[k] = e;
                }
            })
            { IsBackground = true, Name = $"sweep {run.FolderName}" }).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
            if (errors.FirstOrDefault(e => e is not null) is { } error)
            {
                ExceptionDispatchInfo.Capture(error).Throw();
            }
        });
    }

    /// <summary>The base steps a run will take (the largest points are started first); 0 when it cannot be prepared (it then fails on its own).</summary>
    private static long PlannedSteps(SweepPlan plan, SweepRun run)
    {
        try
        {
            return ExperimentRunner.Prepare(plan.Request(run, Path.Combine(Path.GetTempPath(), "unused"))).Program.TotalSteps;
        }
        catch (Exception e) when (e is ArgumentException or NeuroSim.Files.Yaml.SpecException or IOException or InvalidDataException or InvalidOperationException)
        {
            return 0;
        }
    }
}

/// <summary>Files a sweep adds once its tables are written (e.g. figures drawn from sweep.csv), before the folder is committed.</summary>
public interface ISweepReport
{
    /// <summary>Writes into <paramref name="folder"/> (sweep.csv is there); returns the files written, name -> what they hold.</summary>
    IReadOnlyDictionary<string, string> Write(SweepPlan plan, string folder);
}

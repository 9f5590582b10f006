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

/// <summary>In-process workers: up to <paramref name="workers"/> runs at once, each with its own model.</summary>
public sealed class LocalExecutor(int workers) : ISweepExecutor
{
    public void Execute(SweepPlan plan, string runsFolder, Action<SweepProgress>? progress, CancellationToken interrupt)
    {
        ArgumentNullException.ThrowIfNull(plan);
        int done = 0, failed = 0, running = 0;
        Parallel.ForEach(plan.Runs, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, workers) }, (run, state) =>
        {
            if (interrupt.IsCancellationRequested)
            {
                state.Stop();
                return;
            }

            if (SweepRunner.IsDone(plan, runsFolder, run))
            {
                Interlocked.Increment(ref done);
                return;
            }

            Interlocked.Increment(ref running);
            try
            {
                if (!SweepRunner.RunOne(plan, run, runsFolder, interrupt, Math.Max(1, Environment.ProcessorCount / Math.Max(1, workers))))
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
        });
    }
}

/// <summary>Files a sweep adds once its tables are written (e.g. figures drawn from sweep.csv), before the folder is committed.</summary>
public interface ISweepReport
{
    /// <summary>Writes into <paramref name="folder"/> (sweep.csv is there); returns the files written, name -> what they hold.</summary>
    IReadOnlyDictionary<string, string> Write(SweepPlan plan, string folder);
}

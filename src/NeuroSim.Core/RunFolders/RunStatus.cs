namespace NeuroSim.Core.RunFolders;

/// <summary>
/// The words for how far a piece of work got, as written in `.neurosim` markers, manifests, outcomes and sweep.csv
/// (docs/run-folder.md): one vocabulary, so that a reader and a writer cannot disagree on a spelling.
/// </summary>
public static class RunStatus
{
    /// <summary>Being written (a `.neurosim` marker of a `.DIR.partial` folder).</summary>
    public const string Partial = "partial";

    /// <summary>Finished: every step ran (a run), every run finished (a sweep; some may have diverged).</summary>
    public const string Complete = "complete";

    /// <summary>Stopped by SIGINT or SIGTERM between two steps, with a checkpoint: continued by --resume.</summary>
    public const string Interrupted = "interrupted";

    /// <summary>The state stopped being finite; what was written before is kept.</summary>
    public const string Incomplete = "incomplete";

    /// <summary>Stopped abruptly by the testing aid --abort-after-steps, leaving the folder as a kill would.</summary>
    public const string Aborted = "aborted";

    /// <summary>A sweep run whose state stopped being finite (its manifest says incomplete).</summary>
    public const string Diverged = "diverged";

    /// <summary>A sweep run that could not run at all (its NAME.failed file says why).</summary>
    public const string Failed = "failed";
}

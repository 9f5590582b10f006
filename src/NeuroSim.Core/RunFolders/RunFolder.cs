namespace NeuroSim.Core.RunFolders;

/// <summary>How a command treats the hidden partial folder of an earlier attempt.</summary>
public enum PartialFolderPolicy
{
    /// <summary>Nothing to resume: an earlier partial folder of NeuroSim's is cleared and written afresh.</summary>
    StartOver,

    /// <summary>The command resumes by itself (e.g. finished points are kept): an earlier partial folder is continued.</summary>
    Continue,

    /// <summary>`--resume` was given: an earlier partial folder must exist and is continued.</summary>
    MustContinue,

    /// <summary>Resumable, but `--resume` was not given: an earlier partial folder is refused unless `--overwrite` says to clear it.</summary>
    ContinueOnlyWhenAsked,
}

/// <summary>
/// An output folder that appears complete or not at all, and that never destroys what NeuroSim did not write.
/// Files are written into a hidden sibling ".NAME.partial" that carries a marker (<see cref="RunFolderMarker"/>)
/// and an exclusive lock for as long as this object lives, so a second process aiming at the same folder
/// is refused. <see cref="Commit"/> renames it to NAME; a complete folder of the same command that was there
/// is moved aside first and deleted only after the rename, so a crash at any point of finishing leaves either
/// the old folder or the new one (and, at worst, a marked leftover that the next run clears).
/// </summary>
public sealed class RunFolder : IDisposable
{
    private const string LockFileName = ".neurosim.lock";

    private readonly string command;
    private readonly string optionName;
    private readonly bool overwrite;
    private FileStream? lockStream;
    private bool committed;
    private bool kept;

    private RunFolder(string command, string finalPath, string workingPath, RunFolderOptions options)
    {
        this.command = command;
        optionName = options.OptionName;
        overwrite = options.Overwrite;
        FinalPath = finalPath;
        WorkingPath = workingPath;
    }

    public string FinalPath { get; }

    /// <summary>Where files are written until the folder is committed.</summary>
    public string WorkingPath { get; }

    /// <summary>True when an earlier partial folder was taken up again (its files are there).</summary>
    public bool Continued { get; private set; }

    /// <summary>True when the partial folder taken up was already complete and only its renaming was cut short.</summary>
    public bool AlreadyComplete { get; private set; }

    /// <summary>The hidden partial folder NeuroSim uses for <paramref name="outputPath"/>.</summary>
    public static string PartialPathOf(string outputPath)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(outputPath));
        return Path.Combine(Path.GetDirectoryName(full) ?? full, $".{Path.GetFileName(full)}.partial");
    }

    /// <summary>
    /// Checks every rule (<see cref="OutputPathRules"/>, what is at the path, the lock) and only then creates
    /// or takes up the partial folder. Throws <see cref="OutputRefusedException"/> with nothing touched.
    /// </summary>
    public static RunFolder Open(string command, string outputPath, RunFolderOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputPath);
        options ??= new RunFolderOptions();
        OutputPathRules.Check(options.OptionName, outputPath, options.Inputs);
        var finalPath = Path.TrimEndingDirectorySeparator(Path.GetFullPath(outputPath));
        var working = PartialPathOf(finalPath);
        var aside = AsidePathOf(finalPath);
        if (Directory.Exists(aside) && RunFolderMarker.Read(aside) is not null && !Exists(finalPath))
        {
            // A replacement was cut short after the old folder was moved aside: put it back before anything else.
            Directory.Move(aside, finalPath);
        }

        CheckFinalPath(command, outputPath, finalPath, options);
        var folder = new RunFolder(command, finalPath, working, options);
        try
        {
            folder.TakePartial(outputPath, options);
        }
        catch
        {
            folder.lockStream?.Dispose();
            throw;
        }

        return folder;
    }

    public string PathOf(string fileName) => Path.Combine(WorkingPath, fileName);

    /// <summary>Leaves the partial folder in place when this object is disposed (an interrupted, resumable run), its marker saying so when asked.</summary>
    public void KeepForResume(bool markInterrupted = true)
    {
        kept = true;
        if (markInterrupted)
        {
            new RunFolderMarker { Command = command, Status = RunStatus.Interrupted }.Write(WorkingPath);
        }
    }

    /// <summary>
    /// Marks the folder complete and renames it to its final name. A previous complete folder of that name is
    /// moved aside first and deleted after the rename; <paramref name="removeAfterRename"/> (names inside the
    /// folder, e.g. a checkpoint) are deleted last, so that every earlier point can be finished again.
    /// </summary>
    public void Commit(params string[] removeAfterRename)
    {
        new RunFolderMarker { Command = command, Status = RunStatus.Complete }.Write(WorkingPath);
        var aside = AsidePathOf(FinalPath);
        if (Directory.Exists(aside) && RunFolderMarker.Read(aside) is not null)
        {
            Directory.Delete(aside, recursive: true);
        }

        var replacing = Directory.Exists(FinalPath);
        if (replacing && !overwrite)
        {
            // Another process finished the same folder between this one's checks and now: it is not ours to replace.
            throw CompletedMeanwhile();
        }

        if (replacing)
        {
            Directory.Move(FinalPath, aside);
        }

        try
        {
            Directory.Move(WorkingPath, FinalPath);
        }
        catch (IOException) when (Directory.Exists(FinalPath) && Directory.Exists(WorkingPath))
        {
            throw CompletedMeanwhile();
        }

        committed = true;
        if (replacing)
        {
            Directory.Delete(aside, recursive: true);
        }

        foreach (var name in removeAfterRename.Append(LockFileName))
        {
            File.Delete(Path.Combine(FinalPath, name));
        }

        ReleaseLock();
    }

    private OutputRefusedException CompletedMeanwhile() =>
        new($"{optionName} '{FinalPath}' was completed by another NeuroSim process meanwhile; it is kept, and this run's results are not written: give a new folder name");

    /// <summary>
    /// Releases the lock. A folder begun by this object and neither committed nor kept (a failure, a refusal after
    /// opening) is deleted: it is NeuroSim's own. One taken up from an earlier attempt is left for the next.
    /// </summary>
    public void Dispose()
    {
        if (!committed && !kept && !Continued && Directory.Exists(WorkingPath))
        {
            Directory.Delete(WorkingPath, recursive: true);
        }

        ReleaseLock();
    }

    private static string AsidePathOf(string finalPath) =>
        Path.Combine(Path.GetDirectoryName(finalPath) ?? finalPath, $".{Path.GetFileName(finalPath)}.replaced");

    private static bool Exists(string path) => Directory.Exists(path) || File.Exists(path);

    private static void CheckFinalPath(string command, string given, string finalPath, RunFolderOptions options)
    {
        if (File.Exists(finalPath))
        {
            throw new OutputRefusedException($"{options.OptionName} '{given}' is a file, not a folder; give a new folder name");
        }

        if (!Directory.Exists(finalPath))
        {
            return;
        }

        var marker = RunFolderMarker.Read(finalPath);
        if (marker is null)
        {
            throw new OutputRefusedException(Directory.EnumerateFileSystemEntries(finalPath).Any()
                ? $"{options.OptionName} '{given}' exists and was not written by NeuroSim; NeuroSim never replaces such a folder: give a new folder name"
                : $"{options.OptionName} '{given}' exists (empty, not written by NeuroSim); remove it or give a new folder name");
        }

        if (marker.Command != command)
        {
            throw new OutputRefusedException($"{options.OptionName} '{given}' holds the results of `neurosim {marker.Command}`, not of `neurosim {command}`; give a new folder name");
        }

        if (marker.Status != RunStatus.Complete)
        {
            throw new OutputRefusedException($"{options.OptionName} '{given}' is an incomplete NeuroSim folder (status {marker.Status}); give a new folder name");
        }

        if (!options.Overwrite)
        {
            throw new OutputRefusedException(options.Policy == PartialFolderPolicy.MustContinue
                ? $"{options.OptionName} '{given}' is already complete: nothing to resume (add --overwrite without --resume to run it again)"
                : $"{options.OptionName} '{given}' already holds a complete `neurosim {command}` run; add --overwrite to replace it, or give a new folder name");
        }
    }

    /// <summary>
    /// The rules of <see cref="Open"/> that need no lock, for a command to check before it prints or computes anything.
    /// Throws <see cref="OutputRefusedException"/>; touches nothing.
    /// </summary>
    public static void Preflight(string command, string outputPath, RunFolderOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputPath);
        options ??= new RunFolderOptions();
        OutputPathRules.Check(options.OptionName, outputPath, options.Inputs);
        var finalPath = Path.TrimEndingDirectorySeparator(Path.GetFullPath(outputPath));
        CheckFinalPath(command, outputPath, finalPath, options);
        var working = PartialPathOf(finalPath);
        CheckPartial(command, outputPath, working, Directory.Exists(working), RunFolderMarker.Read(working), options, probeLock: true);
    }

    private static void CheckPartial(string command, string given, string working, bool exists, RunFolderMarker? marker, RunFolderOptions options, bool probeLock)
    {
        var name = Path.GetFileName(working);
        if (File.Exists(working) || (exists && marker is null && !File.Exists(Path.Combine(working, LockFileName))))
        {
            throw new OutputRefusedException($"'{working}' exists and was not written by NeuroSim; remove it or give another {options.OptionName}");
        }

        if (probeLock && exists && File.Exists(Path.Combine(working, LockFileName)))
        {
            try
            {
                new FileStream(Path.Combine(working, LockFileName), FileMode.Open, FileAccess.ReadWrite, FileShare.None).Dispose();
            }
            catch (IOException)
            {
                throw new OutputRefusedException($"{options.OptionName} '{given}' is being written by another NeuroSim process{(marker is { } m ? $" (pid {m.ProcessId})" : string.Empty)}; wait for it to finish or give another folder name");
            }
        }

        if (marker is not null && marker.Command != command)
        {
            throw new OutputRefusedException($"'{working}' holds an unfinished `neurosim {marker.Command}`, not `neurosim {command}`; give another {options.OptionName}");
        }

        if (options.Policy == PartialFolderPolicy.MustContinue && marker is null)
        {
            throw new OutputRefusedException($"--resume: there is no interrupted run of {options.OptionName} '{given}' to resume (no {name} beside it)");
        }

        if (options.Policy == PartialFolderPolicy.ContinueOnlyWhenAsked && marker is not null && !options.Overwrite)
        {
            throw new OutputRefusedException($"an interrupted run of {options.OptionName} '{given}' is waiting in {name}: continue it with --resume, or start again with --overwrite");
        }
    }

    private void TakePartial(string given, RunFolderOptions options)
    {
        var exists = Directory.Exists(WorkingPath);
        CheckPartial(command, given, WorkingPath, exists, RunFolderMarker.Read(WorkingPath), options, probeLock: true);
        Directory.CreateDirectory(WorkingPath);
        try
        {
            lockStream = new FileStream(Path.Combine(WorkingPath, LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            var holder = RunFolderMarker.Read(WorkingPath)?.ProcessId;
            throw new OutputRefusedException($"{options.OptionName} '{given}' is being written by another NeuroSim process{(holder is { } pid ? $" (pid {pid})" : string.Empty)}; wait for it to finish or give another folder name");
        }

        // Read again under the lock: the holder before us may have changed it.
        var marker = RunFolderMarker.Read(WorkingPath);
        CheckPartial(command, given, WorkingPath, exists, marker, options, probeLock: false);
        Continued = marker is not null && (options.Policy is PartialFolderPolicy.Continue or PartialFolderPolicy.MustContinue);
        if (marker is not null && !Continued)
        {
            ClearExceptLock();
        }

        AlreadyComplete = Continued && marker!.Status == RunStatus.Complete;
        if (!AlreadyComplete)
        {
            new RunFolderMarker { Command = command, Status = RunStatus.Partial }.Write(WorkingPath);
        }
    }

    private void ClearExceptLock()
    {
        foreach (var entry in new DirectoryInfo(WorkingPath).EnumerateFileSystemInfos())
        {
            if (entry.Name == LockFileName)
            {
                continue;
            }

            if (entry is DirectoryInfo directory && directory.LinkTarget is null)
            {
                directory.Delete(recursive: true);
            }
            else
            {
                entry.Delete();
            }
        }
    }

    private void ReleaseLock()
    {
        lockStream?.Dispose();
        lockStream = null;
    }
}

/// <summary>What a command tells <see cref="RunFolder.Open"/> about its inputs and its wishes.</summary>
public sealed record RunFolderOptions
{
    /// <summary>The option that named the folder, for messages.</summary>
    public string OptionName { get; init; } = "--out";

    /// <summary>Files the command reads: the output folder may not hold them.</summary>
    public IReadOnlyList<string> Inputs { get; init; } = [];

    /// <summary>Replace a complete folder of the same command (moved aside until the new one is complete).</summary>
    public bool Overwrite { get; init; }

    public PartialFolderPolicy Policy { get; init; } = PartialFolderPolicy.StartOver;
}

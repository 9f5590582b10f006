namespace NeuroSim.Core.Monitoring;

/// <summary>
/// An output folder that appears complete or not at all: files are written into a hidden sibling
/// folder, which <see cref="Commit"/> renames to the final name. Disposing without committing deletes
/// the partial folder, so a failed run leaves no half-written results behind.
/// </summary>
public sealed class RunFolder : IDisposable
{
    private bool committed;

    public RunFolder(string finalPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(finalPath);
        FinalPath = Path.GetFullPath(finalPath);
        var parent = Path.GetDirectoryName(FinalPath) ?? throw new ArgumentException($"'{finalPath}' has no parent folder");
        Directory.CreateDirectory(parent);
        WorkingPath = Path.Combine(parent, $".{Path.GetFileName(FinalPath)}.partial-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(WorkingPath);
    }

    public string FinalPath { get; }

    /// <summary>Where files are written until the folder is committed.</summary>
    public string WorkingPath { get; }

    public string PathOf(string fileName) => Path.Combine(WorkingPath, fileName);

    /// <summary>Replaces any previous folder of the final name with the completed one.</summary>
    public void Commit()
    {
        if (Directory.Exists(FinalPath))
        {
            Directory.Delete(FinalPath, recursive: true);
        }

        Directory.Move(WorkingPath, FinalPath);
        committed = true;
    }

    public void Dispose()
    {
        if (!committed && Directory.Exists(WorkingPath))
        {
            Directory.Delete(WorkingPath, recursive: true);
        }
    }
}

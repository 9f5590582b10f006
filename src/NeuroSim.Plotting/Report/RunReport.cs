using System.Text;

namespace NeuroSim.Plotting.Report;

/// <summary>
/// `neurosim report`: one self-contained HTML page for a run folder or a sweep folder (docs/report.md), written
/// atomically. Every check happens before anything is written, so bad input leaves nothing behind.
/// </summary>
public static class RunReport
{
    public const string FileName = "report.html";

    private const string Expected = "expected a run folder (with manifest.json) or a sweep folder (with sweep.csv)";

    /// <summary>The page for <paramref name="folder"/>, with its links relative to <paramref name="pagePath"/>.</summary>
    public static string Build(string folder, string pagePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        if (File.Exists(folder))
        {
            throw new ArgumentException($"'{folder}' is a file; {Expected}");
        }

        if (!Directory.Exists(folder))
        {
            throw new ArgumentException($"'{folder}' not found; {Expected}");
        }

        if (File.Exists(Path.Combine(folder, "sweep.csv")))
        {
            return SweepPage.Build(folder, pagePath);
        }

        if (File.Exists(Path.Combine(folder, "manifest.json")))
        {
            return RunPage.Build(folder, pagePath);
        }

        throw new ArgumentException($"'{folder}' is not a run folder or a sweep folder: it has neither manifest.json nor sweep.csv");
    }

    /// <summary>
    /// Writes the page for <paramref name="folder"/> to <paramref name="outPath"/> (default FOLDER/report.html) and
    /// returns the path. An existing file is replaced only when it is a page this command wrote and
    /// <paramref name="overwrite"/> is set; a file NeuroSim did not write is never replaced.
    /// </summary>
    public static string Write(string folder, string? outPath, bool overwrite)
    {
        var path = outPath ?? Path.Combine(folder, FileName);
        if (outPath is not null)
        {
            CheckOutPath(outPath);
        }

        var html = Build(folder, path);
        if (File.Exists(path))
        {
            if (!WrittenByReport(path))
            {
                throw new OutputRefusedException($"'{path}' exists and was not written by neurosim report; give another --out");
            }

            if (!overwrite)
            {
                throw new OutputRefusedException($"'{path}' exists (a report written earlier); add --overwrite to replace it");
            }
        }

        AtomicFile.WriteAllText(path, html);
        return path;
    }

    private static void CheckOutPath(string outPath)
    {
        if (Directory.Exists(outPath))
        {
            throw new ArgumentException($"--out '{outPath}' is a folder; give a file name, e.g. {Path.Combine(outPath, FileName)}");
        }

        var parent = Path.GetDirectoryName(Path.GetFullPath(outPath));
        if (parent is null || !Directory.Exists(parent))
        {
            throw new ArgumentException($"--out '{outPath}': folder '{parent}' does not exist");
        }
    }

    /// <summary>True when the file starts like a page of <see cref="HtmlPage"/> (its generator mark is in the head).</summary>
    private static bool WrittenByReport(string path)
    {
        var head = new char[1024];
        using var reader = new StreamReader(path, Encoding.UTF8);
        var count = reader.ReadBlock(head);
        return new string(head, 0, count).Contains(HtmlPage.GeneratorMark, StringComparison.Ordinal);
    }
}

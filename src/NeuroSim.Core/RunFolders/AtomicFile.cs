using System.Text;

namespace NeuroSim.Core.RunFolders;

/// <summary>
/// The one way NeuroSim replaces a file: write <c>NAME.tmp</c> in the same folder, flush it to the disk, rename it over
/// <c>NAME</c>. A kill at any moment leaves the old file or the new one, never a part of one; a write that throws
/// leaves the old file and no temporary one.
/// </summary>
public static class AtomicFile
{
    /// <summary>The temporary name beside <paramref name="path"/>; a crash can leave it, and the next write replaces it.</summary>
    public static string TemporaryPathOf(string path) => path + ".tmp";

    /// <summary>Writes what <paramref name="write"/> puts into the stream, then renames it to <paramref name="path"/>.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var temporary = TemporaryPathOf(path);
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>UTF-8 text without a byte-order mark.</summary>
    public static void WriteAllText(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Write(path, stream => stream.Write(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>
    /// Renames <paramref name="temporary"/>, written by someone else (an external program), over <paramref name="path"/>
    /// after flushing it to the disk.
    /// </summary>
    public static void Commit(string temporary, string path)
    {
        using (var stream = new FileStream(temporary, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }
}

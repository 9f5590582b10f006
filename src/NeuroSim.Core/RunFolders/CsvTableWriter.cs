using System.Globalization;

namespace NeuroSim.Core.RunFolders;

/// <summary>
/// Streams a CSV table (RFC 4180 quoting, invariant culture, shortest round-trip doubles) so that
/// memory stays bounded whatever the run length.
/// </summary>
public sealed class CsvTableWriter : IDisposable
{
    private readonly StreamWriter writer;
    private readonly int columns;
    private int column;

    public CsvTableWriter(string path, IReadOnlyList<string> header)
    {
        ArgumentNullException.ThrowIfNull(header);
        writer = new StreamWriter(path, append: false) { NewLine = "\n" };
        columns = header.Count;
        foreach (var name in header)
        {
            Write(name);
        }

        EndRow();
    }

    private CsvTableWriter(StreamWriter writer, int columns)
    {
        this.writer = writer;
        this.columns = columns;
    }

    /// <summary>Bytes written so far (after <see cref="Flush"/>), the length a checkpoint records.</summary>
    public long Length
    {
        get
        {
            writer.Flush();
            return writer.BaseStream.Length;
        }
    }

    /// <summary>Reopens a table written before a checkpoint: cut back to <paramref name="length"/> bytes, then appended to.</summary>
    public static CsvTableWriter Resume(string path, long length, int columns)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Write);
        if (stream.Length < length)
        {
            stream.Dispose();
            throw new InvalidDataException($"{path} is shorter ({stream.Length} bytes) than its checkpoint says ({length} bytes)");
        }

        stream.SetLength(length);
        stream.Seek(0, SeekOrigin.End);
        return new CsvTableWriter(new StreamWriter(stream) { NewLine = "\n" }, columns);
    }

    public void Flush() => writer.Flush();

    /// <summary>Flushes through the operating system's cache to the disk, so that a length recorded after it survives a power loss.</summary>
    public void FlushToDisk()
    {
        writer.Flush();
        if (writer.BaseStream is FileStream file)
        {
            file.Flush(flushToDisk: true);
        }
    }

    public CsvTableWriter Write(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Separate();
        var needsQuotes = value.AsSpan().IndexOfAny(",\"\n\r") >= 0;
        writer.Write(needsQuotes ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value);
        return this;
    }

    public CsvTableWriter Write(double value)
    {
        Separate();
        writer.Write(value.ToString("R", CultureInfo.InvariantCulture));
        return this;
    }

    public CsvTableWriter Write(long value)
    {
        Separate();
        writer.Write(value.ToString(CultureInfo.InvariantCulture));
        return this;
    }

    public CsvTableWriter Write(ReadOnlySpan<double> values)
    {
        foreach (var v in values)
        {
            Write(v);
        }

        return this;
    }

    public void EndRow()
    {
        if (column != columns)
        {
            throw new InvalidOperationException($"CSV row has {column} fields; the header has {columns}");
        }

        writer.Write('\n');
        column = 0;
    }

    public void Dispose() => writer.Dispose();

    private void Separate()
    {
        if (column++ > 0)
        {
            writer.Write(',');
        }
    }
}

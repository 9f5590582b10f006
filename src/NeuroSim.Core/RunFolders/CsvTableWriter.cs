using System.Text;

namespace NeuroSim.Core.RunFolders;

/// <summary>
/// Streams a CSV table (RFC 4180 quoting, invariant culture, shortest round-trip doubles) so that
/// memory stays bounded whatever the run length.
/// </summary>
public sealed class CsvTableWriter : IDisposable
{
    private const int BufferBytes = 1 << 16;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly StreamWriter writer;
    private readonly int columns;
    private int column;

    public CsvTableWriter(string path, IReadOnlyList<string> header)
        : this(new StreamWriter(path, append: false, Utf8, BufferBytes) { NewLine = "\n" }, header)
    {
    }

    /// <summary>A table into <paramref name="stream"/>, which stays open (for <see cref="AtomicFile.Write"/>).</summary>
    public CsvTableWriter(Stream stream, IReadOnlyList<string> header)
        : this(new StreamWriter(stream, Utf8, BufferBytes, leaveOpen: true) { NewLine = "\n" }, header)
    {
    }

    private CsvTableWriter(StreamWriter writer, IReadOnlyList<string> header)
    {
        ArgumentNullException.ThrowIfNull(header);
        this.writer = writer;
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

    /// <summary>A matrix without header row (weights/ and mask/ files): <paramref name="columns"/> numbers a row.</summary>
    public static CsvTableWriter Matrix(string path, int columns) =>
        new(new StreamWriter(path, append: false, Utf8, BufferBytes) { NewLine = "\n" }, columns);

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
        return new CsvTableWriter(new StreamWriter(stream, Utf8, BufferBytes) { NewLine = "\n" }, columns);
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

    /// <summary>The shortest text that reads back as the same double ("NaN", "Infinity", "-Infinity" for the non-finite).</summary>
    public CsvTableWriter Write(double value)
    {
        Separate();
        Span<char> text = stackalloc char[32];
        _ = value.TryFormat(text, out var length, "R", CultureInfo.InvariantCulture);
        writer.Write(text[..length]);
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

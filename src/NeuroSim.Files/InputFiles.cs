using System.Text;
using NeuroSim.Files.Yaml;

namespace NeuroSim.Files;

/// <summary>
/// The one way input files (models, protocols, weight/bias/mask CSVs) are opened: the path must name a
/// regular file (not a directory, device, FIFO or socket) no larger than a limit, checked before reading.
/// </summary>
public static class InputFiles
{
    /// <summary>Largest model or protocol file accepted.</summary>
    public const long MaxYamlBytes = 64L << 20;

    /// <summary>Largest CSV matrix accepted (a tighter bound follows from the matrix's shape).</summary>
    public const long MaxCsvBytes = 2L << 30;

    /// <summary>Reads a whole text file; <paramref name="error"/> turns a detail into the exception to throw.</summary>
    public static string ReadText(string path, long maxBytes, Func<string, SpecException> error, bool errorsInFile = false)
    {
        using var reader = OpenText(path, maxBytes, error, errorsInFile);
        try
        {
            return reader.ReadToEnd();
        }
        catch (IOException e)
        {
            throw error($"cannot read {(errorsInFile ? "the file" : $"'{path}'")}: {e.Message}");
        }
    }

    /// <summary>Reads a model or protocol file, errors placed at the file itself.</summary>
    public static string ReadYaml(string path) =>
        ReadText(path, MaxYamlBytes, detail => new SpecException(path, 0, 0, string.Empty, detail), errorsInFile: true);

    /// <summary>
    /// Opens a text file for reading after checking that it is a regular file of at most <paramref name="maxBytes"/>.
    /// An empty file (which is also what devices, FIFOs and sockets report as their length) is read as empty text
    /// without being opened, so that nothing can block or stream forever. With <paramref name="errorsInFile"/>
    /// the errors are placed at the file itself, so their text does not repeat its path.
    /// </summary>
    public static StreamReader OpenText(string path, long maxBytes, Func<string, SpecException> error, bool errorsInFile = false)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(error);
        var it = errorsInFile ? "the file" : $"'{path}'";
        if (Directory.Exists(path))
        {
            throw error(errorsInFile ? "is a directory; expected a file" : $"'{path}' is a directory; expected a file");
        }

        if (!File.Exists(path))
        {
            throw error(errorsInFile ? "file not found" : $"file '{path}' not found");
        }

        try
        {
            // A symbolic link is judged by what it finally points to (a link to /dev/zero is a device, not a file).
            var info = new FileInfo(path);
            if (info.LinkTarget is not null)
            {
                info = info.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? throw error($"{it} is a link to something that is not a file");
                if (!info.Exists)
                {
                    throw error($"{it} is a link to a file that does not exist");
                }
            }

            if (info.Length > maxBytes)
            {
                throw error($"{it} is {info.Length} bytes; at most {maxBytes} bytes are accepted");
            }

            if (info.Length == 0)
            {
                return new StreamReader(new MemoryStream([]), Encoding.UTF8);
            }

            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            if (!stream.CanSeek || stream.Length > maxBytes)
            {
                stream.Dispose();
                throw error($"{it} is not a regular file of at most {maxBytes} bytes");
            }

            return new StreamReader(new LimitedStream(stream, maxBytes, () => error($"{it} grew past {maxBytes} bytes while being read")), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw error($"cannot read {it}: {e.Message}");
        }
    }

    /// <summary>A read-only stream that refuses to read past a byte limit (a file growing while read).</summary>
    private sealed class LimitedStream(Stream inner, long limit, Func<Exception> tooLong) : Stream
    {
        private long read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position
        {
            get => read;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            read += n;
            return read > limit ? throw tooLong() : n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}

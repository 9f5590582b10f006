using System.Security.Cryptography;
using System.Text;
using NeuroSim.Core.RunFolders;

namespace NeuroSim.Core.Monitoring;

/// <summary>
/// The one framing of every checkpoint NeuroSim writes: 4-byte magic, format version (int32), payload length (int64),
/// SHA-256 of the payload (32 bytes), payload. Written with <see cref="AtomicFile"/>, so a kill leaves the previous
/// checkpoint or the new one; read back only when magic, version, length and checksum all match, so a damaged file is refused rather than resumed into different results.
/// </summary>
public static class CheckpointFile
{
    private const int HeaderBytes = 4 + 4 + 8 + 32;

    /// <summary>Writes the payload that <paramref name="writePayload"/> produces under <paramref name="magic"/> (4 ASCII characters).</summary>
    public static void Write(string path, string magic, int version, Action<BinaryWriter> writePayload)
    {
        ArgumentNullException.ThrowIfNull(writePayload);
        var magicBytes = MagicBytes(magic);
        using var payload = new MemoryStream();
        using (var writer = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
        {
            writePayload(writer);
        }

        var hash = SHA256.HashData(payload.GetBuffer().AsSpan(0, (int)payload.Length));
        AtomicFile.Write(path, stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            writer.Write(magicBytes);
            writer.Write(version);
            writer.Write(payload.Length);
            writer.Write(hash);
            writer.Write(payload.GetBuffer().AsSpan(0, (int)payload.Length));
        });
    }

    /// <summary>
    /// Verifies the file at <paramref name="path"/> and hands its payload to <paramref name="readPayload"/>. Every way the
    /// file can be wrong is an <see cref="InvalidDataException"/> with a one-line message naming the file.
    /// </summary>
    public static void Read(string path, string magic, int version, Action<BinaryReader> readPayload)
    {
        ArgumentNullException.ThrowIfNull(readPayload);
        using var reader = new BinaryReader(new MemoryStream(ReadVerifiedPayload(path, MagicBytes(magic), version), writable: false));
        try
        {
            readPayload(reader);
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException($"{path}: the checkpoint ends early although its checksum matches (written by another NeuroSim version?); start afresh without --resume");
        }
    }

    private static byte[] MagicBytes(string magic) =>
        magic is { Length: 4 } && magic.All(char.IsAscii) ? Encoding.ASCII.GetBytes(magic) : throw new ArgumentException($"checkpoint magic '{magic}' must be 4 ASCII characters", nameof(magic));

    private static byte[] ReadVerifiedPayload(string path, byte[] magic, int version)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read);
        using var reader = new BinaryReader(stream);
        if (stream.Length < HeaderBytes || !reader.ReadBytes(4).AsSpan().SequenceEqual(magic))
        {
            throw new InvalidDataException($"{path} is not a NeuroSim checkpoint of this kind; start afresh without --resume");
        }

        var found = reader.ReadInt32();
        if (found != version)
        {
            throw new InvalidDataException($"{path} is a checkpoint of format version {found}; this NeuroSim reads version {version}: start afresh without --resume");
        }

        var length = reader.ReadInt64();
        var hash = reader.ReadBytes(32);
        if (length != stream.Length - HeaderBytes || length > Array.MaxLength)
        {
            throw new InvalidDataException($"{path} is damaged (its payload should be {length} bytes, the file holds {stream.Length - HeaderBytes}); start afresh without --resume");
        }

        var payload = reader.ReadBytes((int)length);
        if (!SHA256.HashData(payload).AsSpan().SequenceEqual(hash))
        {
            throw new InvalidDataException($"{path} is damaged (checksum mismatch); start afresh without --resume");
        }

        return payload;
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace NeuroSim.Core.RunFolders;

/// <summary>
/// The file by which NeuroSim recognises a folder it wrote (".neurosim" inside it): which command wrote it,
/// by which process, and whether it is complete. A folder without it is never deleted, replaced or reused.
/// </summary>
public sealed record RunFolderMarker
{
    public const string FileName = ".neurosim";

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>The command that writes this kind of folder, e.g. "run" or "microcircuit mnist".</summary>
    public required string Command { get; init; }

    /// <summary><see cref="RunStatus.Partial"/> while being written, <see cref="RunStatus.Interrupted"/> when stopped resumably, <see cref="RunStatus.Complete"/> when finished.</summary>
    public required string Status { get; init; }

    [JsonPropertyName("pid")]
    public int ProcessId { get; init; } = Environment.ProcessId;

    public DateTimeOffset UpdatedUtc { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>The marker of <paramref name="folder"/>, or null when it has none or one NeuroSim cannot read.</summary>
    public static RunFolderMarker? Read(string folder)
    {
        var path = Path.Combine(folder, FileName);
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.Length > 64 * 1024)
            {
                return null;
            }

            var marker = JsonSerializer.Deserialize<RunFolderMarker>(File.ReadAllText(path), JsonOptions);
            return marker is { Command.Length: > 0, Status.Length: > 0 } ? marker : null;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>Writes the marker into <paramref name="folder"/> with <see cref="AtomicFile"/>.</summary>
    public void Write(string folder)
    {
        AtomicFile.WriteAllText(Path.Combine(folder, FileName), JsonSerializer.Serialize(this, JsonOptions) + "\n");
    }
}

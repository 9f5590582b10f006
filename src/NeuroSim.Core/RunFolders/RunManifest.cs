using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NeuroSim.Core.RunFolders;

/// <summary>What produced a run folder and how it ended, written as manifest.json.</summary>
public sealed record RunManifest
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,

        // The manifest is read by people and scripts, never embedded in HTML: keep '+' and quotes readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,

        // A diverged run reports its non-finite loss as "NaN" or "Infinity" rather than failing to write.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public required string Command { get; init; }

    /// <summary>The version and, after a '+', the git commit of the build ("0.1.0+1a2b3c4d5e6f").</summary>
    [JsonPropertyName("neurosim_version")]
    public string NeuroSimVersion { get; init; } =
        typeof(RunManifest).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion
        ?? typeof(RunManifest).Assembly.GetName().Version?.ToString() ?? "unknown";

    public string Runtime { get; init; } = Environment.Version.ToString();

    public required ulong Seed { get; init; }

    public required string Status { get; init; }

    public required DateTimeOffset StartedUtc { get; init; }

    public required double WallSeconds { get; init; }

    public IReadOnlyDictionary<string, object> Settings { get; init; } = new Dictionary<string, object>();

    public IReadOnlyDictionary<string, object> Results { get; init; } = new Dictionary<string, object>();

    /// <summary>Files of the run folder and what each holds.</summary>
    public IReadOnlyDictionary<string, string> Files { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The manifest of work that finished (status "complete"); callers add their settings, results and files with
    /// `with`, so the fields every finished folder records are set in one place.
    /// </summary>
    public static RunManifest Complete(string command, ulong seed, DateTimeOffset startedUtc, double wallSeconds) => new()
    {
        Command = command,
        Seed = seed,
        Status = RunStatus.Complete,
        StartedUtc = startedUtc,
        WallSeconds = wallSeconds,
    };

    public void Save(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, JsonOptions) + "\n");

    /// <summary>The text of result <paramref name="key"/> in the manifest at <paramref name="path"/>, or null when it has none.</summary>
    public static string? ReadResult(string path, string key) => ReadMembers(path, "results", key)[0];

    /// <summary>The texts of settings <paramref name="keys"/> in the manifest at <paramref name="path"/> (read once), null where it has none.</summary>
    public static string?[] ReadSettings(string path, params string[] keys) => ReadMembers(path, "settings", keys);

    private static string?[] ReadMembers(string path, string section, params string[] keys)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var found = document.RootElement.TryGetProperty(section, out var members);
        return [.. keys.Select(key => found && members.TryGetProperty(key, out var value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
            : null)];
    }

    /// <summary>The run's seed recorded in the manifest at <paramref name="path"/>, or null when it has none.</summary>
    public static ulong? ReadSeed(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.TryGetProperty("seed", out var seed) && seed.TryGetUInt64(out var value) ? value : null;
    }

    /// <summary>The status recorded in the manifest at <paramref name="path"/> ("unknown" when it has none).</summary>
    public static string ReadStatus(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.String
            ? status.GetString()!
            : "unknown";
    }
}

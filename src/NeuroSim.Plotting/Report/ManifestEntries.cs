using System.Text.Json;

namespace NeuroSim.Plotting.Report;

/// <summary>
/// manifest.json (docs/run-folder.md) as rows of a two-column table: nested objects flattened to dotted keys
/// (<c>settings.monitor_periods_ms.loss</c>), lists of plain values joined by commas.
/// </summary>
internal sealed class ManifestEntries
{
    private ManifestEntries(IReadOnlyList<(string Key, string Value)> rows) => Rows = rows;

    public IReadOnlyList<(string Key, string Value)> Rows { get; }

    /// <summary>Reads and flattens the manifest; a file that is not a JSON object is bad input naming the file.</summary>
    public static ManifestEntries Read(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"{path}: expected a JSON object (a NeuroSim manifest)");
            }

            var rows = new List<(string, string)>();
            Flatten(document.RootElement, string.Empty, rows);
            return new ManifestEntries(rows);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not valid JSON ({e.Message})", e);
        }
    }

    /// <summary>The value at a dotted key, or null.</summary>
    public string? this[string key] => Rows.FirstOrDefault(r => r.Key == key).Value;

    /// <summary>The sampling period of monitor <paramref name="name"/> from <c>settings.monitor_periods_ms</c>.</summary>
    public double? MonitorPeriodMs(string name) =>
        this[$"settings.monitor_periods_ms.{name}"] is { } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) ? ms : null;

    private static void Flatten(JsonElement element, string key, List<(string, string)> rows)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object when element.EnumerateObject().Any():
                foreach (var property in element.EnumerateObject())
                {
                    Flatten(property.Value, key.Length == 0 ? property.Name : $"{key}.{property.Name}", rows);
                }

                break;
            case JsonValueKind.Array when element.EnumerateArray().All(IsPlain):
                rows.Add((key, string.Join(", ", element.EnumerateArray().Select(Plain))));
                break;
            case JsonValueKind.Object or JsonValueKind.Array:
                rows.Add((key, element.GetRawText()));
                break;
            default:
                rows.Add((key, Plain(element)));
                break;
        }
    }

    private static bool IsPlain(JsonElement element) => element.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array);

    private static string Plain(JsonElement element) =>
        element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText();
}

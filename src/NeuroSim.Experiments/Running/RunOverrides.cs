namespace NeuroSim.Experiments;

/// <summary>
/// One `--set path=value` override of <see cref="RunRequest.Overrides"/>, written as the files' grammar reads it:
/// invariant culture, doubles round-trip ("R"), durations with their unit. The one formatter for the shortcuts that
/// run shipped files, so that a value they pass reads back bit-identical.
/// </summary>
public static class RunOverrides
{
    public static KeyValuePair<string, string> Set(string path, string value) => KeyValuePair.Create(path, value);

    public static KeyValuePair<string, string> Set(string path, double value) => Set(path, Number(value));

    public static KeyValuePair<string, string> Set(string path, long value) => Set(path, value.ToString(CultureInfo.InvariantCulture));

    public static KeyValuePair<string, string> Set(string path, ulong value) => Set(path, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>A duration in milliseconds, as "<paramref name="ms"/> ms".</summary>
    public static KeyValuePair<string, string> Duration(string path, double ms) => Set(path, Number(ms) + " ms");

    /// <summary>A list of numbers, as "[a, b, ...]".</summary>
    public static KeyValuePair<string, string> List(string path, IEnumerable<double> values) => Set(path, $"[{string.Join(", ", values.Select(Number))}]");

    /// <summary>A list of whole numbers, as "[a, b, ...]".</summary>
    public static KeyValuePair<string, string> List(string path, IEnumerable<int> values) => Set(path, $"[{string.Join(", ", values.Select(v => v.ToString(CultureInfo.InvariantCulture)))}]");

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

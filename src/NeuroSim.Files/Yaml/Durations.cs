namespace NeuroSim.Files.Yaml;

/// <summary>Durations written with their unit: "10 ms", "2.5 s", "300 us", "1 min".</summary>
public static class Durations
{
    public static IReadOnlyList<string> Units { get; } = ["ms", "s", "us", "min"];

    /// <summary>Parses a duration to ms; false when the unit is missing or unknown or the number is not one.</summary>
    public static bool TryParseMs(string text, out double ms)
    {
        ArgumentNullException.ThrowIfNull(text);
        ms = double.NaN;
        var trimmed = text.Trim();
        var unitStart = trimmed.Length;
        while (unitStart > 0 && char.IsLetter(trimmed[unitStart - 1]))
        {
            unitStart--;
        }

        var factor = trimmed[unitStart..] switch
        {
            "ms" => 1.0,
            "s" => 1000.0,
            "us" => 1e-3,
            "min" => 60_000.0,
            _ => double.NaN,
        };
        if (double.IsNaN(factor)
            || !double.TryParse(trimmed[..unitStart].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            || double.IsNaN(value))
        {
            return false;
        }

        ms = value * factor;
        return true;
    }
}

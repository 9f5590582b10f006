namespace NeuroSim.Cli.Commands;

/// <summary>The one parser of comma-separated option values ("0.1,0.03"): finite numbers in a range, or names.</summary>
internal static class OptionLists
{
    /// <summary>The numbers of <paramref name="text"/>, each finite and in [<paramref name="min"/>, <paramref name="max"/>]; empty text gives none when <paramref name="allowEmpty"/>.</summary>
    public static double[] Numbers(string text, string option, double min = double.MinValue, double max = double.MaxValue, bool allowEmpty = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Trim().Length == 0)
        {
            return allowEmpty ? [] : throw new ArgumentException($"{option}: give at least one value");
        }

        return [.. text.Split(',').Select(v =>
            double.TryParse(v.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.IsFinite(x)
                ? x >= min && x <= max ? x : throw new ArgumentException($"{option}: {v.Trim()} is outside [{min.ToString(CultureInfo.InvariantCulture)}, {max.ToString(CultureInfo.InvariantCulture)}]")
                : throw new ArgumentException($"{option}: '{v.Trim()}' is not a finite number"))];
    }

    /// <summary>The non-empty, trimmed names of <paramref name="text"/>.</summary>
    public static string[] Names(string? text) =>
        text?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
}

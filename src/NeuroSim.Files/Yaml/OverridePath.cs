using System.Text;

namespace NeuroSim.Files.Yaml;

/// <summary>
/// The path of a "--set path=value" override: field names separated by dots, each optionally followed by list
/// indices, e.g. <c>timeline[1].drive.amplitude</c> or <c>layers[0]</c>.
/// </summary>
public static class OverridePath
{
    /// <summary>One step down the document: into a field of a mapping (<see cref="Key"/>) or an item of a list (<see cref="Index"/>).</summary>
    public readonly record struct Step(string Key, int? Index);

    /// <summary>The steps of <paramref name="path"/>; a malformed path is refused with what is wrong in it.</summary>
    public static IReadOnlyList<Step> Parse(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var steps = new List<Step>();
        foreach (var part in path.Split('.'))
        {
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            var key = bracket < 0 ? part : part[..bracket];
            if (key.Length == 0 || key.Contains(']', StringComparison.Ordinal))
            {
                throw Malformed(path, "every part between dots must start with a field name (e.g. timeline[1].drive.amplitude)");
            }

            steps.Add(new Step(key, null));
            var rest = bracket < 0 ? string.Empty : part[bracket..];
            while (rest.Length > 0)
            {
                var close = rest.IndexOf(']', StringComparison.Ordinal);
                if (rest[0] != '[' || close < 2
                    || !int.TryParse(rest.AsSpan(1, close - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    throw Malformed(path, "a list index is a whole number >= 0 in brackets, e.g. timeline[1]");
                }

                steps.Add(new Step(string.Empty, index));
                rest = rest[(close + 1)..];
            }
        }

        return steps;
    }

    /// <summary>The first <paramref name="count"/> steps written as a path again, for messages.</summary>
    public static string Format(IReadOnlyList<Step> steps, int count)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var text = new StringBuilder();
        for (var k = 0; k < count; k++)
        {
            if (steps[k].Index is { } index)
            {
                text.Append(CultureInfo.InvariantCulture, $"[{index}]");
            }
            else
            {
                text.Append(k == 0 ? string.Empty : ".").Append(steps[k].Key);
            }
        }

        return text.ToString();
    }

    private static SpecException Malformed(string path, string detail) => new("(--set)", 0, 0, path, $"'{path}' is not a field path: {detail}");
}

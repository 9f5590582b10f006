using YamlDotNet.RepresentationModel;

namespace NeuroSim.Files.Yaml;

/// <summary>
/// A YAML node with its file and field path, and typed accessors that fail with a <see cref="SpecException"/>
/// naming the file, line, column, field and the allowed values or range.
/// </summary>
public sealed class SpecNode
{
    internal SpecNode(YamlNode node, string file, string path, IReadOnlySet<YamlNode>? overridden = null)
    {
        Node = node;
        File = file;
        Path = path;
        Overridden = overridden ?? new HashSet<YamlNode>();
    }

    public string File { get; }

    /// <summary>Field path, e.g. "timescales.credit" or "timeline[2].present.duration".</summary>
    public string Path { get; }

    internal YamlNode Node { get; }

    internal IReadOnlySet<YamlNode> Overridden { get; }

    public int Line => (int)Node.Start.Line;

    public int Column => (int)Node.Start.Column;

    public bool IsMapping => Node is YamlMappingNode;

    public bool IsSequence => Node is YamlSequenceNode;

    public bool IsScalar => Node is YamlScalarNode;

    /// <summary>The scalar text, or null when this is not a scalar.</summary>
    public string? Text => (Node as YamlScalarNode)?.Value;

    public SpecException Error(string detail)
    {
        var where = Overridden.Contains(Node) ? "(--set)" : File;
        return Overridden.Contains(Node)
            ? new SpecException(where, 0, 0, Path, detail + " (value given with --set)")
            : new SpecException(File, Line, Column, Path, detail);
    }

    /// <summary>Keys of this mapping, in file order.</summary>
    public IReadOnlyList<string> Keys => [.. Mapping.Children.Keys.Select(KeyName)];

    public bool Has(string key) => Mapping.Children.ContainsKey(new YamlScalarNode(key));

    public SpecNode Required(string key) =>
        Optional(key) ?? throw Error($"missing field '{key}'");

    public SpecNode? Optional(string key) =>
        Mapping.Children.TryGetValue(new YamlScalarNode(key), out var child) ? Child(child, Join(key)) : null;

    /// <summary>Rejects any key not in <paramref name="allowed"/>, listing the valid ones.</summary>
    public SpecNode AllowOnly(params string[] allowed)
    {
        foreach (var (key, _) in Mapping.Children)
        {
            var name = KeyName(key);
            if (Array.IndexOf(allowed, name) < 0)
            {
                throw new SpecNode(key, File, Join(name), Overridden).Error($"unknown field '{name}'; valid: {string.Join(", ", allowed)}");
            }
        }

        return this;
    }

    /// <summary>The node at a field path below this one (<see cref="OverridePath"/> syntax), or null when any step of it is missing.</summary>
    public SpecNode? At(string path)
    {
        SpecNode? node = this;
        foreach (var step in OverridePath.Parse(path))
        {
            node = step.Index is { } index
                ? node.IsSequence && index < ((YamlSequenceNode)node.Node).Children.Count ? node.Items()[index] : null
                : node.IsMapping ? node.Optional(step.Key) : null;
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    public IReadOnlyList<SpecNode> Items()
    {
        if (Node is not YamlSequenceNode sequence)
        {
            throw Error($"expected a list, found {Describe()}");
        }

        return [.. sequence.Children.Select((child, k) => Child(child, $"{Path}[{k}]"))];
    }

    public string AsString()
    {
        if (Node is not YamlScalarNode scalar || scalar.Value is null)
        {
            throw Error($"expected a text value, found {Describe()}");
        }

        return scalar.Value;
    }

    /// <summary>One of <paramref name="valid"/>; otherwise an error listing them.</summary>
    public string AsChoice(IReadOnlyCollection<string> valid)
    {
        ArgumentNullException.ThrowIfNull(valid);
        var value = AsString();
        return valid.Contains(value) ? value : throw Error($"unknown value '{value}'; valid: {string.Join(", ", valid)}");
    }

    public double AsDouble(double min = double.NegativeInfinity, double max = double.PositiveInfinity, bool minExclusive = false)
    {
        var text = AsScalarText("a number");
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || double.IsNaN(value))
        {
            throw Error($"'{text}' is not a number");
        }

        if (!double.IsFinite(value))
        {
            throw Error($"'{text}' is not a finite number");
        }

        CheckRange(value, min, max, minExclusive, text);
        return value;
    }

    public int AsInt(int min = int.MinValue, int max = int.MaxValue)
    {
        var text = AsScalarText("a whole number");
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            throw Error($"'{text}' is not a whole number");
        }

        CheckRange(value, min, max, false, text);
        return value;
    }

    public ulong AsSeed()
    {
        var text = AsScalarText("a whole number >= 0");
        return ulong.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Error($"'{text}' is not a seed (a whole number >= 0)");
    }

    public bool AsBool()
    {
        var text = AsScalarText("true or false");
        return text switch
        {
            "true" or "yes" => true,
            "false" or "no" => false,
            _ => throw Error($"'{text}' is not true or false"),
        };
    }

    /// <summary>A duration with its unit ("10 ms", "2.5 s", "300 us"), converted to ms; a bare number is refused.</summary>
    public double AsDurationMs(double minMs = 0, bool minExclusive = false, double maxMs = double.PositiveInfinity)
    {
        var text = AsScalarText("a duration such as '10 ms' or '2 s'").Trim();
        if (!Durations.TryParseMs(text, out var ms))
        {
            throw Error($"'{text}' is not a duration with a unit ({string.Join(", ", Durations.Units)}), for example '10 ms'");
        }

        if (!double.IsFinite(ms))
        {
            throw Error($"'{text}' is not a finite duration");
        }

        var lowOk = minExclusive ? ms > minMs : ms >= minMs;
        if (!lowOk || ms > maxMs || !double.IsFinite(ms))
        {
            var low = minExclusive ? $"> {minMs} ms" : $">= {minMs} ms";
            var high = double.IsPositiveInfinity(maxMs) ? string.Empty : $" and <= {maxMs} ms";
            throw Error($"'{text}' must be {low}{high}");
        }

        return ms;
    }

    /// <summary>A list of numbers, e.g. [1, -1, 0.5].</summary>
    public double[] AsVector(int? length = null)
    {
        var items = Items();
        if (length is { } n && items.Count != n)
        {
            throw Error($"{items.Count} values given; expected {n}");
        }

        return [.. items.Select(item => item.AsDouble())];
    }

    private string AsScalarText(string expected) =>
        Node is YamlScalarNode { Value: { } value } && value.Length > 0 ? value : throw Error($"expected {expected}, found {Describe()}");

    private void CheckRange(double value, double min, double max, bool minExclusive, string text)
    {
        var lowOk = minExclusive ? value > min : value >= min;
        if (!lowOk || value > max)
        {
            var low = double.IsNegativeInfinity(min) ? null : minExclusive ? $"> {min.ToString(CultureInfo.InvariantCulture)}" : $">= {min.ToString(CultureInfo.InvariantCulture)}";
            var high = double.IsPositiveInfinity(max) ? null : $"<= {max.ToString(CultureInfo.InvariantCulture)}";
            throw Error($"{text} is out of range; allowed: {string.Join(" and ", new[] { low, high }.Where(s => s is not null))}");
        }
    }

    private YamlMappingNode Mapping => Node as YamlMappingNode ?? throw Error($"expected a mapping of fields, found {Describe()}");

    private string Describe() => Node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode { Value: null or "" } => "nothing",
        YamlScalarNode s => $"'{s.Value}'",
        _ => "an unsupported node",
    };

    /// <summary>A key's name; keys are scalars (<see cref="SpecDocument"/> refuses others).</summary>
    private static string KeyName(YamlNode key) => (key as YamlScalarNode)?.Value ?? string.Empty;

    private string Join(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    private SpecNode Child(YamlNode node, string path) => new(node, File, path, Overridden);
}

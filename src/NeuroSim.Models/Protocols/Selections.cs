using NeuroSim.Core.Connectivity;

namespace NeuroSim.Models.Protocols;

/// <summary>Resolves neuron names (against a model's groups) and projection names (against a network) of protocol files.</summary>
public static class Selections
{
    /// <summary>
    /// Global neuron indices of tokens "all", "group", "group:i" or "group:a-b" (indices within the group,
    /// inclusive range), in token order without duplicates.
    /// </summary>
    public static int[] Neurons(IReadOnlyList<NeuronGroup> groups, IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(tokens);
        var result = new List<int>();
        var seen = new HashSet<int>();
        foreach (var token in tokens)
        {
            foreach (var i in Resolve(groups, token))
            {
                if (seen.Add(i))
                {
                    result.Add(i);
                }
            }
        }

        return [.. result];
    }

    /// <summary>Index of projection "pre->post".</summary>
    public static int Projection(Network network, string name)
    {
        ArgumentNullException.ThrowIfNull(network);
        for (var k = 0; k < network.Projections.Count; k++)
        {
            if (network.Projections[k].Name == name)
            {
                return k;
            }
        }

        throw new ArgumentException($"unknown projection '{name}'; valid: {string.Join(", ", network.Projections.Select(p => p.Name))}");
    }

    public static int[] Projections(Network network, IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        return [.. names.Select(name => Projection(network, name))];
    }

    private static IEnumerable<int> Resolve(IReadOnlyList<NeuronGroup> groups, string token)
    {
        if (token == "all")
        {
            return Enumerable.Range(0, groups.Count == 0 ? 0 : groups[^1].End);
        }

        var colon = token.IndexOf(':', StringComparison.Ordinal);
        var group = groups.FirstOrDefault(g => g.Name == (colon < 0 ? token : token[..colon]))
            ?? throw new ArgumentException($"unknown neuron group in '{token}'; valid: all, {string.Join(", ", groups.Select(g => g.Name))} (optionally with :i or :a-b)");
        if (colon < 0)
        {
            return Enumerable.Range(group.Offset, group.Size);
        }

        var range = token[(colon + 1)..];
        var dash = range.IndexOf('-', StringComparison.Ordinal);
        var first = ParseIndex(range[..(dash < 0 ? range.Length : dash)], group, token);
        var last = dash < 0 ? first : ParseIndex(range[(dash + 1)..], group, token);
        if (last < first)
        {
            throw new ArgumentException($"neuron range '{token}' is empty");
        }

        return Enumerable.Range(group.Offset + first, last - first + 1);
    }

    private static int ParseIndex(string text, NeuronGroup group, string token) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < group.Size
            ? index
            : throw new ArgumentException($"neuron index in '{token}' is out of range; group '{group.Name}' has neurons 0..{group.Size - 1}");
}

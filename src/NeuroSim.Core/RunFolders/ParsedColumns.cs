using System.Text.RegularExpressions;

namespace NeuroSim.Core.RunFolders;

/// <summary>A neuron quantity column "x[L1:3]" taken apart.</summary>
public readonly record struct NeuronColumn(string Variable, string Group, int Index)
{
    public string Neuron => $"{Group}:{Index}";
}

/// <summary>A synapse quantity column "W[L0->L1:3&lt;-1]" taken apart (post index i, pre index j).</summary>
public readonly record struct SynapseColumn(string Variable, string Pre, string Post, int PostIndex, int PreIndex)
{
    public string Projection => $"{Pre}->{Post}";
}

/// <summary>Parses the monitor column names of docs/run-folder.md.</summary>
public static partial class Columns
{
    public static bool TryNeuron(string column, out NeuronColumn parsed)
    {
        var match = NeuronPattern().Match(column ?? string.Empty);
        parsed = match.Success ? new NeuronColumn(match.Groups[1].Value, match.Groups[2].Value, int.Parse(match.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture)) : default;
        return match.Success;
    }

    public static bool TrySynapse(string column, out SynapseColumn parsed)
    {
        var match = SynapsePattern().Match(column ?? string.Empty);
        parsed = match.Success
            ? new SynapseColumn(
                match.Groups[1].Value,
                match.Groups[2].Value,
                match.Groups[3].Value,
                int.Parse(match.Groups[4].Value, System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(match.Groups[5].Value, System.Globalization.CultureInfo.InvariantCulture))
            : default;
        return match.Success;
    }

    [GeneratedRegex(@"^([A-Za-z]+)\[([^\[\]:]+):(\d+)\]$", RegexOptions.CultureInvariant)]
    private static partial Regex NeuronPattern();

    [GeneratedRegex(@"^([A-Za-z]+)\[([^\[\]:]+)->([^\[\]:]+):(\d+)<-(\d+)\]$", RegexOptions.CultureInvariant)]
    private static partial Regex SynapsePattern();
}

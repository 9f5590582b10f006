using System.Text.RegularExpressions;
using NeuroSim.Core.Connectivity;

namespace NeuroSim.Core.RunFolders;

/// <summary>The grammar of monitor column names (docs/run-folder.md), written and parsed here only.</summary>
public static partial class ColumnNames
{
    /// <summary>"x[L1:3]": variable of neuron <paramref name="index"/> counted within <paramref name="group"/>.</summary>
    public static string Neuron(string variable, NeuronGroup group, int index)
    {
        ArgumentNullException.ThrowIfNull(group);
        return $"{variable}[{group.Name}:{index}]";
    }

    /// <summary>
    /// "W[L0->L1:3&lt;-1]": variable of synapse post i &lt;- pre j of a projection. No commas, so headers need
    /// no quoting and column tools (cut, awk) work on them.
    /// </summary>
    public static string Synapse(string variable, Projection projection, int post, int pre)
    {
        ArgumentNullException.ThrowIfNull(projection);
        return $"{variable}[{projection.Pre.Name}->{projection.Post.Name}:{post}<-{pre}]";
    }

    /// <summary>The same for a projection known by its groups' names (models without a <see cref="Network"/>).</summary>
    public static string Synapse(string variable, string pre, string post, int postIndex, int preIndex) =>
        $"{variable}[{pre}->{post}:{postIndex}<-{preIndex}]";

    /// <summary>"L0-L1": file stem of a projection's weight matrix.</summary>
    public static string ProjectionFile(Projection projection)
    {
        ArgumentNullException.ThrowIfNull(projection);
        return ProjectionFile(projection.Pre.Name, projection.Post.Name);
    }

    /// <summary>The same for a projection known by its groups' names; group names hold no '-', so the stem is unambiguous.</summary>
    public static string ProjectionFile(string pre, string post) => $"{pre}-{post}";

    /// <summary>"L0->L1", the projection whose weights are in the file with stem <paramref name="stem"/> ("L0-L1").</summary>
    public static string ProjectionOfFile(string stem)
    {
        ArgumentNullException.ThrowIfNull(stem);
        var dash = stem.IndexOf('-', StringComparison.Ordinal);
        return dash < 0 ? stem : $"{stem[..dash]}->{stem[(dash + 1)..]}";
    }

    /// <summary>Takes a neuron column "x[L1:3]" apart; false for any other name.</summary>
    public static bool TryNeuron(string column, out NeuronColumn parsed)
    {
        var match = NeuronPattern().Match(column ?? string.Empty);
        parsed = match.Success ? new NeuronColumn(match.Groups[1].Value, match.Groups[2].Value, Index(match.Groups[3])) : default;
        return match.Success;
    }

    /// <summary>Takes a synapse column "W[L0->L1:3&lt;-1]" apart; false for any other name.</summary>
    public static bool TrySynapse(string column, out SynapseColumn parsed)
    {
        var match = SynapsePattern().Match(column ?? string.Empty);
        parsed = match.Success
            ? new SynapseColumn(match.Groups[1].Value, match.Groups[2].Value, match.Groups[3].Value, Index(match.Groups[4]), Index(match.Groups[5]))
            : default;
        return match.Success;
    }

    private static int Index(Group digits) => int.Parse(digits.Value, CultureInfo.InvariantCulture);

    // Variables are letters with underscores ("W_up"); group names anything without brackets, colons or arrows' ends.
    [GeneratedRegex(@"^([A-Za-z][A-Za-z_]*)\[([^\[\]:]+):(\d+)\]$", RegexOptions.CultureInvariant)]
    private static partial Regex NeuronPattern();

    [GeneratedRegex(@"^([A-Za-z][A-Za-z_]*)\[([^\[\]:]+)->([^\[\]:]+):(\d+)<-(\d+)\]$", RegexOptions.CultureInvariant)]
    private static partial Regex SynapsePattern();
}

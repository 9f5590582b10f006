using NeuroSim.Core.Connectivity;

namespace NeuroSim.Core.RunFolders;

/// <summary>Monitor column names of the run-folder format (docs/run-folder.md).</summary>
public static class ColumnNames
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
        return $"{projection.Pre.Name}-{projection.Post.Name}";
    }
}

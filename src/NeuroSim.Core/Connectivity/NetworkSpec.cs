namespace NeuroSim.Core.Connectivity;

/// <summary>A population of rate neurons, by name and size.</summary>
public sealed record NeuronGroupSpec(string Name, int Size);

/// <summary>How synapse slots are stored; <see cref="Auto"/> picks sparse rows below a mask density threshold.</summary>
public enum SynapseStorage
{
    Auto,
    Dense,
    Sparse,
}

/// <summary>
/// Initial weights drawn from a distribution: normal with standard deviation Gain / sqrt(fan-in), or
/// uniform on +-Gain * sqrt(3 / fan-in) (the same variance), fan-in being the number of existing synapses
/// onto the neuron.
/// </summary>
public sealed record WeightDistribution(string Kind, double Gain)
{
    public static IReadOnlyList<string> Kinds { get; } = ["normal", "uniform"];

    public static WeightDistribution Normal(double gain) => new("normal", gain);

    public static WeightDistribution Uniform(double gain) => new("uniform", gain);
}

/// <summary>
/// Synapses from group <paramref name="Pre"/> onto group <paramref name="Post"/>. Matrices are row-major
/// Post.Size x Pre.Size (row = postsynaptic neuron i, column = presynaptic neuron j).
/// </summary>
public sealed record ProjectionSpec(string Pre, string Post)
{
    /// <summary>Connection mask; null means every synapse exists (except self-connections when excluded).</summary>
    public IReadOnlyList<bool>? Mask { get; init; }

    /// <summary>Explicit initial weights; when null they are drawn from <see cref="Distribution"/>.</summary>
    public IReadOnlyList<double>? Weights { get; init; }

    public WeightDistribution Distribution { get; init; } = WeightDistribution.Normal(1.0);

    /// <summary>Whether a recurrent projection (Pre == Post) contains w_ii.</summary>
    public bool SelfConnections { get; init; }

    public SynapseStorage Storage { get; init; } = SynapseStorage.Auto;

    public string Name => $"{Pre}->{Post}";
}

/// <summary>The wiring of a network: groups (in neuron-index order) and projections between them.</summary>
public sealed record NetworkSpec(IReadOnlyList<NeuronGroupSpec> Groups, IReadOnlyList<ProjectionSpec> Projections)
{
    /// <summary>
    /// A layered feed-forward network: groups "L0".."L{n-1}" of the given sizes and dense projections
    /// L(k) -> L(k+1) only, the architecture in which the paper proves the rule equals BP.
    /// </summary>
    public static NetworkSpec Layered(IReadOnlyList<int> sizes, WeightDistribution? distribution = null)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        var groups = new NeuronGroupSpec[sizes.Count];
        for (var k = 0; k < sizes.Count; k++)
        {
            groups[k] = new NeuronGroupSpec($"L{k}", sizes[k]);
        }

        var projections = new ProjectionSpec[Math.Max(0, sizes.Count - 1)];
        for (var k = 0; k < projections.Length; k++)
        {
            projections[k] = new ProjectionSpec($"L{k}", $"L{k + 1}") { Distribution = distribution ?? WeightDistribution.Normal(1.0) };
        }

        return new NetworkSpec(groups, projections);
    }

    /// <summary>One all-to-all recurrent population without self-connections (the paper's Fig. 1A and Fig. 4).</summary>
    public static NetworkSpec AllToAll(int size, WeightDistribution? distribution = null) =>
        new([new NeuronGroupSpec("N", size)], [new ProjectionSpec("N", "N") { Distribution = distribution ?? WeightDistribution.Normal(1.0) }]);
}

using System.Runtime.CompilerServices;
using NeuroSim.Core.Kernels;
using NeuroSim.Core.Randomness;

namespace NeuroSim.Core.Connectivity;

/// <summary>
/// Compiled connectivity: groups laid out on flat neuron vectors, projections laid out on one flat
/// synapse vector, and whole-network kernels that loop over projections.
/// </summary>
public sealed class Network
{
    /// <summary>Below this fraction of existing synapses, <see cref="SynapseStorage.Auto"/> stores rows sparsely.</summary>
    public const double SparseDensityThreshold = 0.25;

    private readonly Dictionary<string, NeuronGroup> groupsByName;

    // Kernels loop over this array with an index: foreach over the interface would allocate an enumerator per call.
    private readonly Projection[] projections;

    private Network(IReadOnlyList<NeuronGroup> groups, Projection[] projections)
    {
        Groups = groups;
        Projections = projections;
        this.projections = projections;
        groupsByName = groups.ToDictionary(g => g.Name, StringComparer.Ordinal);
        NeuronCount = groups.Count == 0 ? 0 : groups[^1].End;
        SynapseCount = projections.Length == 0 ? 0 : projections[^1].SynapseOffset + projections[^1].SlotCount;
    }

    public IReadOnlyList<NeuronGroup> Groups { get; }

    /// <summary>Threads and profiling of every kernel of this network (<see cref="KernelSettings.Default"/> unless set).</summary>
    public KernelSettings Kernels
    {
        get;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            field = value;
            foreach (var projection in projections)
            {
                projection.Kernels = value;
            }
        }
    } = KernelSettings.Default;

    public IReadOnlyList<Projection> Projections { get; }

    public int NeuronCount { get; }

    /// <summary>Number of weight slots (absent dense slots included).</summary>
    public int SynapseCount { get; }

    public NeuronGroup Group(string name) =>
        groupsByName.TryGetValue(name, out var group)
            ? group
            : throw new ArgumentException($"unknown group '{name}'; valid: {string.Join(", ", groupsByName.Keys)}", nameof(name));

    /// <summary>
    /// Validates <paramref name="spec"/>, lays it out and writes the initial weights (explicit, or drawn
    /// from each projection's distribution with <paramref name="random"/>, projection by projection).
    /// </summary>
    public static Network Build(NetworkSpec spec, SeededRandom random, out double[] initialWeights)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(random);
        var groups = new List<NeuronGroup>();
        var offset = 0;
        foreach (var g in spec.Groups)
        {
            if (g.Size <= 0)
            {
                throw new ArgumentException($"group '{g.Name}': size {g.Size} must be >= 1");
            }

            if (groups.Exists(existing => existing.Name == g.Name))
            {
                throw new ArgumentException($"group '{g.Name}' is defined twice");
            }

            groups.Add(new NeuronGroup(g.Name, g.Size, offset));
            offset += g.Size;
        }

        var byName = groups.ToDictionary(g => g.Name, StringComparer.Ordinal);
        NeuronGroup Find(string name, string role, ProjectionSpec p) =>
            byName.TryGetValue(name, out var group)
                ? group
                : throw new ArgumentException($"projection '{p.Name}': unknown {role} group '{name}'; valid: {string.Join(", ", byName.Keys)}");

        var projections = new List<Projection>();
        var weightBlocks = new List<double[]>();
        var synapseOffset = 0;
        foreach (var p in spec.Projections)
        {
            var pre = Find(p.Pre, "pre", p);
            var post = Find(p.Post, "post", p);
            var mask = BuildMask(p, pre, post);
            var existing = Array.FindAll(mask, m => m).Length;
            var sparse = p.Storage == SynapseStorage.Sparse
                || (p.Storage == SynapseStorage.Auto && existing < SparseDensityThreshold * mask.Length);
            Projection projection = sparse
                ? new SparseProjection(p.Name, pre, post, synapseOffset, mask)
                : new DenseProjection(p.Name, pre, post, synapseOffset, mask);
            projections.Add(projection);
            weightBlocks.Add(InitialWeights(p, projection, mask, random));
            synapseOffset += projection.SlotCount;
        }

        initialWeights = new double[synapseOffset];
        for (var k = 0; k < projections.Count; k++)
        {
            weightBlocks[k].CopyTo(initialWeights, projections[k].SynapseOffset);
        }

        return new Network(groups, [.. projections]);
    }

    /// <summary>E = driveE + sum_p W_p^+ x, I = driveI + sum_p W_p^- x, s = E - I + b, with one pass over W.</summary>
    public void ComputePools(
        ReadOnlySpan<double> weights,
        ReadOnlySpan<double> rates,
        ReadOnlySpan<double> excitatoryDrive,
        ReadOnlySpan<double> inhibitoryDrive,
        ReadOnlySpan<double> bias,
        Span<double> excitatory,
        Span<double> inhibitory,
        Span<double> netInput)
    {
        excitatoryDrive[..NeuronCount].CopyTo(excitatory);
        inhibitoryDrive[..NeuronCount].CopyTo(inhibitory);
        foreach (var p in projections)
        {
            p.AccumulatePools(weights[p.SlotRange], rates[p.Pre.Range], excitatory[p.Post.Range], inhibitory[p.Post.Range]);
        }

        for (var i = 0; i < NeuronCount; i++)
        {
            netInput[i] = NetInput(excitatory[i], inhibitory[i], bias[i]);
        }
    }

    /// <summary>s = E - I + b: the net input of one neuron from its pools and bias.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double NetInput(double excitatory, double inhibitory, double bias) => excitatory - inhibitory + bias;

    /// <inheritdoc cref="NetInput(double, double, double)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static System.Runtime.Intrinsics.Vector512<double> NetInput(System.Runtime.Intrinsics.Vector512<double> excitatory, System.Runtime.Intrinsics.Vector512<double> inhibitory, System.Runtime.Intrinsics.Vector512<double> bias) =>
        excitatory - inhibitory + bias;

    /// <summary>target = sum_p gain_p W_p^T delta over all projections (target is overwritten).</summary>
    public void TransposedProduct(ReadOnlySpan<double> projectionGains, ReadOnlySpan<double> weights, ReadOnlySpan<double> delta, Span<double> target)
    {
        target[..NeuronCount].Clear();
        for (var k = 0; k < projections.Length; k++)
        {
            var p = projections[k];
            p.AccumulateTransposed(projectionGains[k], weights[p.SlotRange], delta[p.Post.Range], target[p.Pre.Range]);
        }
    }

    /// <summary>dW_p = scale * gain_p * a x^T on existing synapses, projection by projection.</summary>
    public void OuterProduct(double scale, ReadOnlySpan<double> projectionGains, ReadOnlySpan<double> a, ReadOnlySpan<double> rates, Span<double> dw)
    {
        for (var k = 0; k < projections.Length; k++)
        {
            var p = projections[k];
            p.OuterProduct(scale * projectionGains[k], a[p.Post.Range], rates[p.Pre.Range], dw[p.SlotRange]);
        }
    }

    /// <summary>g = per-synapse retrograde signal with spillover, each projection scaled by its gain.</summary>
    public void RetrogradeSignal(ReadOnlySpan<double> projectionGains, double kappa, ReadOnlySpan<double> weights, ReadOnlySpan<double> delta, Span<double> g)
    {
        for (var k = 0; k < projections.Length; k++)
        {
            var p = projections[k];
            p.RetrogradeSignal(projectionGains[k], kappa, weights[p.SlotRange], delta[p.Post.Range], g[p.SlotRange]);
        }
    }

    /// <summary>target_j = sum over synapses leaving j of m (target is overwritten).</summary>
    public void CollectMessengers(ReadOnlySpan<double> messengers, Span<double> target)
    {
        target[..NeuronCount].Clear();
        foreach (var p in projections)
        {
            p.AccumulateIncomingMessengers(messengers[p.SlotRange], target[p.Pre.Range]);
        }
    }

    private static bool[] BuildMask(ProjectionSpec p, NeuronGroup pre, NeuronGroup post)
    {
        var slots = pre.Size * post.Size;
        bool[] mask;
        if (p.Mask is null)
        {
            mask = new bool[slots];
            Array.Fill(mask, true);
        }
        else if (p.Mask.Count != slots)
        {
            throw new ArgumentException($"projection '{p.Name}': mask has {p.Mask.Count} entries; expected {post.Size} x {pre.Size} = {slots}");
        }
        else
        {
            mask = [.. p.Mask];
        }

        if (ReferenceEquals(pre, post) && !p.SelfConnections)
        {
            for (var i = 0; i < pre.Size; i++)
            {
                mask[(i * pre.Size) + i] = false;
            }
        }

        return mask;
    }

    private static double[] InitialWeights(ProjectionSpec p, Projection projection, bool[] mask, SeededRandom random)
    {
        var weights = new double[projection.SlotCount];
        var preSize = projection.Pre.Size;
        if (p.Weights is not null)
        {
            if (p.Weights.Count != mask.Length)
            {
                throw new ArgumentException($"projection '{p.Name}': {p.Weights.Count} weights given; expected {projection.Post.Size} x {preSize} = {mask.Length}");
            }

            projection.ForEachSynapse((slot, i, j) => weights[slot] = p.Weights[(i * preSize) + j]);
            return weights;
        }

        if (!(p.Distribution.Gain >= 0) || !double.IsFinite(p.Distribution.Gain))
        {
            throw new ArgumentException($"projection '{p.Name}': gain {p.Distribution.Gain} must be finite and >= 0");
        }

        var fanIn = new int[projection.Post.Size];
        projection.ForEachSynapse((_, i, _) => fanIn[i]++);
        var uniform = p.Distribution.Kind switch
        {
            "normal" => false,
            "uniform" => true,
            _ => throw new ArgumentException($"projection '{p.Name}': unknown distribution '{p.Distribution.Kind}'; valid: {string.Join(", ", WeightDistribution.Kinds)}"),
        };
        projection.ForEachSynapse((slot, i, _) =>
        {
            var scale = p.Distribution.Gain / Math.Sqrt(Math.Max(1, fanIn[i]));
            weights[slot] = uniform ? random.NextUniform(-Math.Sqrt(3.0) * scale, Math.Sqrt(3.0) * scale) : scale * random.NextGaussian();
        });
        return weights;
    }
}

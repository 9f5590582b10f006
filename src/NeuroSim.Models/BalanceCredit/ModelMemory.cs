namespace NeuroSim.Models.BalanceCredit;

/// <summary>
/// What building and running a <see cref="BalanceCreditModel"/> will allocate, estimated from the spec's shape
/// before anything is allocated, so that a model too large for the machine is refused instead of failing with
/// an OutOfMemoryException (or an int overflow of its sizes) part way through construction.
/// </summary>
public static class ModelMemory
{
    /// <summary>Doubles per entry of the state vector: the state, a checkpoint copy, the integrators' stages (up to 9, Dormand-Prince) and a leak vector.</summary>
    public const int DoublesPerStateValue = 12;

    /// <summary>Per-neuron arrays outside the state vector: clamps, targets, drives, evaluation scratch, fixed biases.</summary>
    public const int BytesPerNeuron = 20 * sizeof(double);

    /// <summary>Transient per-synapse arrays while the network is built: the initial weights three times (drawn, block, state copy).</summary>
    public const int BuildBytesPerSlot = 3 * sizeof(double);

    /// <summary>Sparse storage indices per stored synapse (row/column starts, column slots and rows).</summary>
    public const int SparseIndexBytesPerSlot = 3 * sizeof(int);

    private static readonly AsyncLocal<long?> BudgetOverride = new();

    /// <summary>
    /// Memory a model (and its compiled protocol) may take: half of what the GC reports as available to the process.
    /// Settable, for the current async flow only, so that tests can refuse large models early.
    /// </summary>
    public static long BudgetBytes
    {
        get => BudgetOverride.Value ?? (long)(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes * 0.5);
        set => BudgetOverride.Value = value;
    }

    /// <summary>A projection's shape: sizes, the expected fraction of existing synapses, and whether a full matrix is read from the file.</summary>
    public readonly record struct ProjectionShape(string Name, long Pre, long Post, double Density, bool Sparse, bool MatrixGiven);

    /// <summary>The totals: bytes, neurons, weight slots and the length of the state vector.</summary>
    public readonly record struct Estimate(long Bytes, long Neurons, long Slots, long StateLength);

    /// <summary>Estimates the memory of a model with these groups and projections (every size in long, so nothing wraps).</summary>
    public static Estimate Of(IEnumerable<long> groupSizes, IEnumerable<ProjectionShape> projections, bool messengers, bool learnBiases, bool synapticFilters)
    {
        ArgumentNullException.ThrowIfNull(groupSizes);
        ArgumentNullException.ThrowIfNull(projections);
        var neurons = groupSizes.Sum();
        double slots = 0;
        double bytes = 0;
        foreach (var p in projections)
        {
            var matrix = (double)p.Pre * p.Post;
            var stored = p.Sparse ? Math.Ceiling(matrix * Math.Clamp(p.Density, 0, 1)) : matrix;
            slots += stored;

            // The mask (a copy of it while building), and the full matrices read from files or inline values.
            bytes += (2 * matrix) + (p.MatrixGiven ? 2 * sizeof(double) * matrix : 0);
            bytes += stored * (BuildBytesPerSlot + (p.Sparse ? SparseIndexBytesPerSlot : 0) + sizeof(float));
        }

        var state = (2.0 * neurons) + (messengers ? 2 * slots : slots) + (learnBiases ? neurons : 0) + (synapticFilters ? 2.0 * neurons : 0);
        bytes += (state * DoublesPerStateValue * sizeof(double)) + (neurons * BytesPerNeuron) + (messengers ? slots * sizeof(double) : 0);
        return new Estimate(Saturate(bytes), neurons, Saturate(slots), Saturate(state));
    }

    private static long Saturate(double value) => value >= long.MaxValue ? long.MaxValue : (long)value;
}

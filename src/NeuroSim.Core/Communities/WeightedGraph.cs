namespace NeuroSim.Core.Communities;

/// <summary>
/// A weighted undirected graph stored as its symmetric adjacency matrix A in compressed sparse rows:
/// non-negative finite weights, zeros not stored, self-loops allowed. The conventions are the adjacency-matrix
/// ones (Newman 2010, "Networks", section 6.2): a self-loop of weight w is the diagonal entry A_ii = 2w, the
/// strength (weighted degree) is k_i = sum_j A_ij and the total weight is 2m = sum_ij A_ij. Under these
/// conventions merging nodes into one node (summing rows and columns) keeps k and 2m, which is what the
/// aggregation step of <see cref="Leiden"/> relies on.
/// </summary>
public sealed class WeightedGraph
{
    private readonly int[] rowStart;
    private readonly int[] columns;
    private readonly double[] values;
    private readonly double[] strength;

    internal WeightedGraph(int[] rowStart, int[] columns, double[] values)
    {
        this.rowStart = rowStart;
        this.columns = columns;
        this.values = values;
        NodeCount = rowStart.Length - 1;
        strength = new double[NodeCount];
        var total = 0.0;
        for (var i = 0; i < NodeCount; i++)
        {
            var k = 0.0;
            for (var e = rowStart[i]; e < rowStart[i + 1]; e++)
            {
                k += values[e];
            }

            strength[i] = k;
            total += k;
        }

        TotalWeight = total;
    }

    public int NodeCount { get; }

    /// <summary>2m = sum over all entries of A (each undirected edge i != j counted twice, A_ii once).</summary>
    public double TotalWeight { get; }

    /// <summary>Stored (non-zero) entries of A, both directions of every edge i != j counted.</summary>
    public int EntryCount => columns.Length;

    /// <summary>Strength k_i = sum_j A_ij.</summary>
    public double Strength(int node) => strength[node];

    /// <summary>Column indices of the non-zero entries of row <paramref name="node"/>, ascending (the node itself if it has a self-loop).</summary>
    public ReadOnlySpan<int> Neighbours(int node) => columns.AsSpan(rowStart[node], rowStart[node + 1] - rowStart[node]);

    /// <summary>The entries A_ij matching <see cref="Neighbours"/>.</summary>
    public ReadOnlySpan<double> NeighbourWeights(int node) => values.AsSpan(rowStart[node], rowStart[node + 1] - rowStart[node]);

    /// <summary>A_ij (0 when there is no edge).</summary>
    public double Weight(int i, int j)
    {
        var k = Neighbours(i).BinarySearch(j);
        return k >= 0 ? values[rowStart[i] + k] : 0.0;
    }

    /// <summary>
    /// From a dense symmetric adjacency matrix, row-major n x n. The diagonal is taken as A_ii (twice the loop
    /// weight). Throws on a negative or non-finite entry or when A_ij != A_ji exactly.
    /// </summary>
    public static WeightedGraph FromDense(ReadOnlySpan<double> matrix, int nodeCount)
    {
        CheckSquare(matrix, nodeCount);
        for (var i = 0; i < nodeCount; i++)
        {
            for (var j = 0; j < nodeCount; j++)
            {
                var a = matrix[(i * nodeCount) + j];
                if (!double.IsFinite(a) || a < 0)
                {
                    throw new ArgumentException($"entry ({i}, {j}) = {a}: weights must be finite and >= 0", nameof(matrix));
                }

                if (j > i && a != matrix[(j * nodeCount) + i])
                {
                    throw new ArgumentException($"not symmetric: A[{i},{j}] = {a} but A[{j},{i}] = {matrix[(j * nodeCount) + i]}", nameof(matrix));
                }
            }
        }

        return Compress(matrix, nodeCount);
    }

    /// <summary>
    /// From undirected weighted edges (i, j, w), 0-based. Repeated edges add up. An edge i != j adds w to A_ij
    /// and A_ji; a self-loop (i, i, w) adds 2w to A_ii (the adjacency-matrix convention, as in networkx's modularity).
    /// </summary>
    public static WeightedGraph FromEdges(int nodeCount, IEnumerable<(int From, int To, double Weight)> edges)
    {
        ArgumentNullException.ThrowIfNull(edges);
        ArgumentOutOfRangeException.ThrowIfNegative(nodeCount);
        var rows = new SortedDictionary<int, double>[nodeCount];
        for (var i = 0; i < nodeCount; i++)
        {
            rows[i] = [];
        }

        void Add(int i, int j, double w) => rows[i][j] = rows[i].GetValueOrDefault(j) + w;
        foreach (var (i, j, w) in edges)
        {
            if ((uint)i >= (uint)nodeCount || (uint)j >= (uint)nodeCount)
            {
                throw new ArgumentException($"edge ({i}, {j}): nodes must be in [0, {nodeCount})", nameof(edges));
            }

            if (!double.IsFinite(w) || w < 0)
            {
                throw new ArgumentException($"edge ({i}, {j}) weight {w}: weights must be finite and >= 0", nameof(edges));
            }

            if (i == j)
            {
                Add(i, i, 2 * w);
            }
            else
            {
                Add(i, j, w);
                Add(j, i, w);
            }
        }

        var rowStart = new int[nodeCount + 1];
        var columns = new List<int>();
        var values = new List<double>();
        for (var i = 0; i < nodeCount; i++)
        {
            foreach (var (j, w) in rows[i])
            {
                if (w > 0)
                {
                    columns.Add(j);
                    values.Add(w);
                }
            }

            rowStart[i + 1] = columns.Count;
        }

        return new WeightedGraph(rowStart, [.. columns], [.. values]);
    }

    /// <summary>
    /// The symmetrised magnitude of a signed directed weight matrix W (row-major n x n, either orientation):
    /// A_ij = (|w_ij| + |w_ji|) / 2 for i != j and A_ii = 0, so self-connections are ignored.
    /// </summary>
    public static WeightedGraph FromSignedDirected(ReadOnlySpan<double> weights, int nodeCount)
    {
        CheckSquare(weights, nodeCount);
        var a = new double[nodeCount * nodeCount];
        for (var i = 0; i < nodeCount; i++)
        {
            for (var j = 0; j < nodeCount; j++)
            {
                var w = weights[(i * nodeCount) + j];
                if (!double.IsFinite(w))
                {
                    throw new ArgumentException($"entry ({i}, {j}) = {w} is not finite", nameof(weights));
                }

                if (i != j)
                {
                    a[(i * nodeCount) + j] = (Math.Abs(w) + Math.Abs(weights[(j * nodeCount) + i])) / 2;
                }
            }
        }

        return Compress(a, nodeCount);
    }

    private static void CheckSquare(ReadOnlySpan<double> matrix, int nodeCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nodeCount);
        if (matrix.Length != nodeCount * nodeCount)
        {
            throw new ArgumentException($"matrix has {matrix.Length} entries; a {nodeCount} x {nodeCount} matrix has {nodeCount * nodeCount}", nameof(matrix));
        }
    }

    private static WeightedGraph Compress(ReadOnlySpan<double> matrix, int nodeCount)
    {
        var rowStart = new int[nodeCount + 1];
        var count = 0;
        for (var i = 0; i < nodeCount; i++)
        {
            foreach (var a in matrix.Slice(i * nodeCount, nodeCount))
            {
                count += a != 0 ? 1 : 0;
            }

            rowStart[i + 1] = count;
        }

        var columns = new int[count];
        var values = new double[count];
        var e = 0;
        for (var i = 0; i < nodeCount; i++)
        {
            for (var j = 0; j < nodeCount; j++)
            {
                var a = matrix[(i * nodeCount) + j];
                if (a != 0)
                {
                    columns[e] = j;
                    values[e++] = a;
                }
            }
        }

        return new WeightedGraph(rowStart, columns, values);
    }
}

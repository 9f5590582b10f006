using NeuroSim.Core.Communities;
using NeuroSim.Core.Randomness;

namespace NeuroSim.Tests.Analysis.Communities;

/// <summary>Graphs with known structure for the community tests, and checks on partitions.</summary>
internal static class Graphs
{
    public const int KarateNodes = 34;

    /// <summary>0-based edges of Zachary's karate club, from tests/data/graphs/karate-club.txt (source cited there).</summary>
    public static (int From, int To, double Weight)[] KarateEdges()
    {
        var path = Path.Combine(CliRunner.RepositoryRoot(), "tests", "data", "graphs", "karate-club.txt");
        return [.. File.ReadLines(path)
            .Where(line => line.Length > 0 && line[0] != '#')
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(f => (int.Parse(f[0], CultureInfo.InvariantCulture) - 1, int.Parse(f[1], CultureInfo.InvariantCulture) - 1, 1.0))];
    }

    public static WeightedGraph Karate() => WeightedGraph.FromEdges(KarateNodes, KarateEdges());

    /// <summary>
    /// A planted-partition (stochastic block) graph: groups of equal size, node i in group i / size, each pair
    /// i &lt; j an edge of weight 1 with probability pIn inside a group and pOut between groups.
    /// </summary>
    public static WeightedGraph Planted(int groups, int size, double pIn, double pOut, ulong seed, out int[] planted)
    {
        var n = groups * size;
        planted = [.. Enumerable.Range(0, n).Select(i => i / size)];
        var random = new SeededRandom(seed);
        var edges = new List<(int, int, double)>();
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                if (random.NextDouble() < (planted[i] == planted[j] ? pIn : pOut))
                {
                    edges.Add((i, j, 1.0));
                }
            }
        }

        return WeightedGraph.FromEdges(n, edges);
    }

    /// <summary>A dense signed directed weight matrix (row-major): Gaussian entries, standard deviation `inside` within blocks and `outside` between.</summary>
    public static double[] BlockWeights(int blocks, int size, double inside, double outside, ulong seed)
    {
        var n = blocks * size;
        var random = new SeededRandom(seed);
        var w = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                w[(i * n) + j] = random.NextGaussian() * (i / size == j / size ? inside : outside);
            }
        }

        return w;
    }

    /// <summary>True when the two labelings define the same partition (equal up to renaming the labels).</summary>
    public static bool SamePartition(IReadOnlyList<int> a, IReadOnlyList<int> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        var forward = new Dictionary<int, int>();
        var backward = new Dictionary<int, int>();
        for (var i = 0; i < a.Count; i++)
        {
            if (forward.TryGetValue(a[i], out var x) && x != b[i])
            {
                return false;
            }

            if (backward.TryGetValue(b[i], out var y) && y != a[i])
            {
                return false;
            }

            forward[a[i]] = b[i];
            backward[b[i]] = a[i];
        }

        return true;
    }

    /// <summary>The communities whose induced subgraph is not connected, found by a breadth-first search inside each community.</summary>
    public static List<int> DisconnectedCommunities(WeightedGraph graph, IReadOnlyList<int> membership)
    {
        var disconnected = new List<int>();
        foreach (var community in membership.Distinct())
        {
            var nodes = Enumerable.Range(0, graph.NodeCount).Where(i => membership[i] == community).ToList();
            var reached = new HashSet<int> { nodes[0] };
            var queue = new Queue<int>([nodes[0]]);
            while (queue.Count > 0)
            {
                foreach (var u in graph.Neighbours(queue.Dequeue()))
                {
                    if (membership[u] == community && reached.Add(u))
                    {
                        queue.Enqueue(u);
                    }
                }
            }

            if (reached.Count != nodes.Count)
            {
                disconnected.Add(community);
            }
        }

        return disconnected;
    }
}

using NeuroSim.Core.Randomness;

namespace NeuroSim.Core.Communities;

/// <summary>
/// The Leiden algorithm for modularity (Traag, Waltman and van Eck 2019, "From Louvain to Leiden: guaranteeing
/// well-connected communities", Sci Rep 9:5233), written from the paper's pseudocode (its Supplementary Fig. 1
/// and Methods). One iteration, starting from a partition P of the graph:
/// <list type="number">
/// <item>Fast local moving: nodes are visited from a queue that starts as all nodes in random order; each node
/// moves to the neighbouring community (or an empty one) with the largest gain, if that gain is positive, and
/// the neighbours that are now outside its community rejoin the queue.</item>
/// <item>Refinement: within each community S of P, starting from singletons, each node v that is still a
/// singleton and well connected to S (E(v, S - v) >= gamma k_v (K_S - k_v) / 2m) joins a well-connected cluster
/// C of S (E(C, S - C) >= gamma K_C (K_S - K_C) / 2m) chosen at random with probability proportional to
/// exp(gain / theta) among the clusters with gain >= 0 (staying alone has gain 0).</item>
/// <item>Aggregation: one node per refined cluster, with P as the starting partition of the aggregate graph.</item>
/// </list>
/// and repeat on the aggregate graph until the local moving leaves every aggregate node its own community.
/// Iterations repeat from the partition found until one changes nothing (or <see cref="Iterations"/> are done).
/// The gain of moving node v into community C (v taken out of its own) is
/// dH = k_{v,C} - gamma k_v K_C / 2m, in units of edge weight (Q changes by dH / m); theta is measured in the
/// same units, as in leidenalg and igraph, so theta = 0.01 is nearly greedy for weights of order 1 and more
/// random for small weights. Every community returned is connected: each is an aggregate node of the last
/// level, built only by merging neighbouring clusters.
/// </summary>
public sealed record Leiden
{
    /// <summary>gamma, the resolution; 1 is standard modularity, larger gives more and smaller communities.</summary>
    public double Resolution { get; init; } = 1.0;

    /// <summary>theta, the randomness of the refinement (paper default 0.01); 0 merges greedily (largest gain, first found on a tie).</summary>
    public double Randomness { get; init; } = 0.01;

    /// <summary>Iterations to run; 0 or negative runs until an iteration leaves the partition unchanged.</summary>
    public int Iterations { get; init; } = -1;

    public ulong Seed { get; init; } = 1;

    /// <summary>
    /// Communities of <paramref name="graph"/>. The result is a function of the graph, the settings and the seed
    /// only (bit for bit). A graph without weight (2m = 0) returns each node its own community and Q = 0.
    /// </summary>
    public LeidenResult Run(WeightedGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        if (!double.IsFinite(Resolution) || Resolution < 0)
        {
            throw new ArgumentException($"resolution {Resolution} must be finite and >= 0");
        }

        if (!double.IsFinite(Randomness) || Randomness < 0)
        {
            throw new ArgumentException($"randomness {Randomness} must be finite and >= 0");
        }

        var n = graph.NodeCount;
        var membership = new int[n];
        for (var i = 0; i < n; i++)
        {
            membership[i] = i;
        }

        if (graph.TotalWeight == 0)
        {
            return new LeidenResult(membership, n, 0.0, 0);
        }

        var random = new SeededRandom(Seed);
        var quality = 0.0;
        var iterations = 0;
        while (true)
        {
            var next = Iterate(graph, membership, random, out quality);
            iterations++;
            var changed = !next.AsSpan().SequenceEqual(membership);
            membership = next;
            if (!changed || (Iterations > 0 && iterations >= Iterations))
            {
                break;
            }
        }

        return new LeidenResult(membership, membership.Length == 0 ? 0 : membership.Max() + 1, quality, iterations);
    }

    /// <summary>One Leiden iteration from <paramref name="start"/>; returns the canonically labelled partition and its Q from the last aggregate level.</summary>
    private int[] Iterate(WeightedGraph original, int[] start, SeededRandom random, out double quality)
    {
        var twoM = original.TotalWeight;
        var graph = original;
        var membership = (int[])start.Clone();
        var level = new int[original.NodeCount];
        for (var i = 0; i < level.Length; i++)
        {
            level[i] = i;
        }

        while (true)
        {
            MoveNodesFast(graph, membership, twoM, random);
            membership = Compact(membership, out var communities);
            if (communities == graph.NodeCount)
            {
                break;
            }

            var refined = Refine(graph, membership, twoM, random, out var clusters);
            if (clusters == graph.NodeCount)
            {
                // The random refinement merged nothing (possible when every gain is tiny next to theta): aggregate on
                // the connected parts of the communities instead, which keeps the communities connected.
                refined = ConnectedParts(graph, membership, out clusters);
                if (clusters == graph.NodeCount)
                {
                    break;
                }
            }

            var aggregateMembership = new int[clusters];
            for (var v = 0; v < graph.NodeCount; v++)
            {
                aggregateMembership[refined[v]] = membership[v];
            }

            for (var i = 0; i < level.Length; i++)
            {
                level[i] = refined[level[i]];
            }

            graph = Aggregate(graph, refined, clusters);
            membership = aggregateMembership;
        }

        quality = Quality(graph, membership, twoM);
        var flat = new int[original.NodeCount];
        for (var i = 0; i < flat.Length; i++)
        {
            flat[i] = membership[level[i]];
        }

        return Canonical(flat);
    }

    /// <summary>Q from the aggregate graph: sum over communities of (internal weight / 2m) - gamma (K_c / 2m)^2.</summary>
    private double Quality(WeightedGraph graph, int[] membership, double twoM)
    {
        var inside = new double[graph.NodeCount];
        var strength = new double[graph.NodeCount];
        for (var v = 0; v < graph.NodeCount; v++)
        {
            var neighbours = graph.Neighbours(v);
            var weights = graph.NeighbourWeights(v);
            for (var e = 0; e < neighbours.Length; e++)
            {
                if (membership[neighbours[e]] == membership[v])
                {
                    inside[membership[v]] += weights[e];
                }
            }

            strength[membership[v]] += graph.Strength(v);
        }

        var q = 0.0;
        for (var c = 0; c < inside.Length; c++)
        {
            q += (inside[c] / twoM) - (Resolution * (strength[c] / twoM) * (strength[c] / twoM));
        }

        return q;
    }

    /// <summary>
    /// The fast local moving phase, in place on <paramref name="membership"/> (labels in [0, n)).
    /// </summary>
    private void MoveNodesFast(WeightedGraph graph, int[] membership, double twoM, SeededRandom random)
    {
        var n = graph.NodeCount;
        var scale = Resolution / twoM;
        var communityStrength = new double[n];
        var size = new int[n];
        for (var v = 0; v < n; v++)
        {
            communityStrength[membership[v]] += graph.Strength(v);
            size[membership[v]]++;
        }

        var empty = new Stack<int>();
        for (var c = n - 1; c >= 0; c--)
        {
            if (size[c] == 0)
            {
                empty.Push(c);
            }
        }

        var queue = Shuffled(n, random);
        var head = 0;
        var count = n;
        var queued = new bool[n];
        Array.Fill(queued, true);
        var nearby = new NeighbourClusters(n);
        var weightTo = nearby.WeightTo;
        while (count > 0)
        {
            var v = queue[head];
            head = (head + 1) % n;
            count--;
            queued[v] = false;

            var old = membership[v];
            var kv = graph.Strength(v);
            nearby.Gather(graph, v, membership);
            communityStrength[old] -= kv;
            var best = old;
            var bestGain = weightTo[old] - (scale * kv * communityStrength[old]);
            for (var k = 1; k < nearby.Count; k++)
            {
                var c = nearby.Clusters[k];
                var gain = weightTo[c] - (scale * kv * communityStrength[c]);
                if (gain > bestGain)
                {
                    best = c;
                    bestGain = gain;
                }
            }

            nearby.Clear();

            // An empty community has gain 0. When v is alone in `old`, staying is that option already.
            if (bestGain < 0 && size[old] > 1)
            {
                best = empty.Pop();
            }

            communityStrength[best] += kv;
            if (best == old)
            {
                continue;
            }

            size[old]--;
            if (size[old] == 0)
            {
                empty.Push(old);
            }

            size[best]++;
            membership[v] = best;
            foreach (var u in graph.Neighbours(v))
            {
                if (!queued[u] && membership[u] != best)
                {
                    queued[u] = true;
                    queue[(head + count) % n] = u;
                    count++;
                }
            }
        }

    }

    /// <summary>
    /// The refinement phase: a partition of the nodes that refines <paramref name="membership"/>, labelled
    /// 0..clusters-1 in order of each cluster's lowest node.
    /// </summary>
    private int[] Refine(WeightedGraph graph, int[] membership, double twoM, SeededRandom random, out int clusters)
    {
        var n = graph.NodeCount;
        var scale = Resolution / twoM;
        var refined = new int[n];
        var clusterStrength = new double[n];
        var external = new double[n];
        var subsetStrength = new double[n];
        for (var v = 0; v < n; v++)
        {
            refined[v] = v;
            clusterStrength[v] = graph.Strength(v);
            subsetStrength[membership[v]] += graph.Strength(v);
            var neighbours = graph.Neighbours(v);
            var weights = graph.NeighbourWeights(v);
            for (var e = 0; e < neighbours.Length; e++)
            {
                if (neighbours[e] != v && membership[neighbours[e]] == membership[v])
                {
                    external[v] += weights[e];
                }
            }
        }

        var merged = new bool[n];
        var nearby = new NeighbourClusters(n);
        var weightTo = nearby.WeightTo;
        var candidates = new int[n];
        var cumulative = new double[n];
        foreach (var v in Shuffled(n, random))
        {
            var own = refined[v];
            if (merged[own])
            {
                continue; // v is no longer a singleton: others have joined it
            }

            var kv = graph.Strength(v);
            var total = subsetStrength[membership[v]];
            if (external[own] < scale * kv * (total - kv))
            {
                continue; // v is not well connected to its community
            }

            clusterStrength[own] = 0;
            nearby.Gather(graph, v, refined, membership);

            // Gains of the admissible clusters (well connected, gain >= 0); `own` has gain 0 and is always admissible.
            var admissible = 0;
            var maxGain = 0.0;
            var best = own;
            for (var k = 0; k < nearby.Count; k++)
            {
                var c = nearby.Clusters[k];
                var gain = weightTo[c] - (scale * kv * clusterStrength[c]);
                var wellConnected = external[c] >= scale * clusterStrength[c] * (total - clusterStrength[c]);
                if (wellConnected && gain >= 0)
                {
                    candidates[admissible] = c;
                    cumulative[admissible++] = gain;
                    if (gain > maxGain)
                    {
                        maxGain = gain;
                        best = c;
                    }
                }
            }

            var chosen = best;
            if (Randomness > 0)
            {
                // exp((gain - max) / theta) is the paper's exp(gain / theta) rescaled, which cannot overflow.
                var sum = 0.0;
                for (var k = 0; k < admissible; k++)
                {
                    sum += Math.Exp((cumulative[k] - maxGain) / Randomness);
                    cumulative[k] = sum;
                }

                var r = random.NextDouble() * sum;
                var pick = 0;
                while (pick < admissible - 1 && cumulative[pick] <= r)
                {
                    pick++;
                }

                chosen = candidates[pick];
            }

            if (chosen == own)
            {
                clusterStrength[own] = kv;
            }
            else
            {
                // E(C + v, S - C - v) = E(C, S - C) + E(v, S - v) - 2 E(v, C).
                external[chosen] += external[own] - (2 * weightTo[chosen]);
                external[own] = 0;
                clusterStrength[chosen] += kv;
                refined[v] = chosen;
                merged[chosen] = true;
            }

            nearby.Clear();
        }

        return Compact(refined, out clusters);
    }

    /// <summary>The connected components of the subgraphs induced by each community, labelled 0..parts-1.</summary>
    private static int[] ConnectedParts(WeightedGraph graph, int[] membership, out int parts)
    {
        var n = graph.NodeCount;
        var part = new int[n];
        Array.Fill(part, -1);
        var stack = new Stack<int>();
        parts = 0;
        for (var s = 0; s < n; s++)
        {
            if (part[s] >= 0)
            {
                continue;
            }

            part[s] = parts;
            stack.Push(s);
            while (stack.Count > 0)
            {
                var v = stack.Pop();
                foreach (var u in graph.Neighbours(v))
                {
                    if (part[u] < 0 && membership[u] == membership[s])
                    {
                        part[u] = parts;
                        stack.Push(u);
                    }
                }
            }

            parts++;
        }

        return part;
    }

    /// <summary>The graph with one node per cluster: A'_cd = sum of A_ij over i in c, j in d (so A'_cc holds c's internal weight).</summary>
    private static WeightedGraph Aggregate(WeightedGraph graph, int[] cluster, int clusters)
    {
        var members = new List<int>[clusters];
        for (var c = 0; c < clusters; c++)
        {
            members[c] = [];
        }

        for (var v = 0; v < graph.NodeCount; v++)
        {
            members[cluster[v]].Add(v);
        }

        var rowStart = new int[clusters + 1];
        var columns = new List<int>();
        var values = new List<double>();
        var accumulated = new double[clusters];
        var touched = new bool[clusters];
        var row = new List<int>();
        for (var c = 0; c < clusters; c++)
        {
            foreach (var v in members[c])
            {
                var neighbours = graph.Neighbours(v);
                var weights = graph.NeighbourWeights(v);
                for (var e = 0; e < neighbours.Length; e++)
                {
                    var d = cluster[neighbours[e]];
                    if (!touched[d])
                    {
                        touched[d] = true;
                        row.Add(d);
                    }

                    accumulated[d] += weights[e];
                }
            }

            row.Sort();
            foreach (var d in row)
            {
                columns.Add(d);
                values.Add(accumulated[d]);
                accumulated[d] = 0;
                touched[d] = false;
            }

            row.Clear();
            rowStart[c + 1] = columns.Count;
        }

        return new WeightedGraph(rowStart, [.. columns], [.. values]);
    }

    /// <summary>0..n-1 in random order (Fisher-Yates).</summary>
    private static int[] Shuffled(int n, SeededRandom random)
    {
        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
        }

        for (var i = n - 1; i > 0; i--)
        {
            var j = (int)(random.NextUInt64() % (ulong)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }

    /// <summary>Labels renumbered 0..k-1 in order of first appearance.</summary>
    private static int[] Compact(int[] labels, out int count)
    {
        var map = new Dictionary<int, int>();
        var result = new int[labels.Length];
        for (var i = 0; i < labels.Length; i++)
        {
            if (!map.TryGetValue(labels[i], out var label))
            {
                label = map.Count;
                map[labels[i]] = label;
            }

            result[i] = label;
        }

        count = map.Count;
        return result;
    }

    /// <summary>
    /// Labels renumbered 0..k-1 by decreasing community size, ties broken by the community's lowest node, so
    /// community 0 is the largest and equal partitions get equal label arrays.
    /// </summary>
    internal static int[] Canonical(int[] labels)
    {
        var compact = Compact(labels, out var count);
        var size = new int[count];
        foreach (var c in compact)
        {
            size[c]++;
        }

        // Compact labels already follow first appearance, so a stable sort by size keeps that as the tie-break.
        var order = Enumerable.Range(0, count).OrderByDescending(c => size[c]).ToArray();
        var rank = new int[count];
        for (var r = 0; r < count; r++)
        {
            rank[order[r]] = r;
        }

        for (var i = 0; i < compact.Length; i++)
        {
            compact[i] = rank[compact[i]];
        }

        return compact;
    }
}

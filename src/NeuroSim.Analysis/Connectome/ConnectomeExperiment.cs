using NeuroSim.Analysis.Communities;
using NeuroSim.Core.Connectivity;
using NeuroSim.Core.Randomness;
using NeuroSim.Models.BalanceCredit;

namespace NeuroSim.Analysis.Connectome;

/// <summary>
/// The paper's Fig. 4 ("learning rates dictate connectome patterns"), Algorithm 1, on the engine: an
/// all-to-all network (no self-connections), the credit of the first 10% held (rows of J replaced by
/// identity), and per iteration the interleaved single steps
/// <code>
///   x &lt;- sigma(W x) + noise;   c &lt;- J c + noise  (J = W^T diag f(s));   W &lt;- W + r (c ⊙ f(s)) x^T;   prune
/// </code>
/// where pruning sets every weight below the p-quantile of |w| over all off-diagonal pairs to zero and
/// removes the synapse (so the density settles at 1 - p). Each step is one application of the model's own
/// firing and credit maps and one plasticity drive, so the same code that is exact BP in layered networks
/// runs here.
/// </summary>
public sealed record ConnectomeSettings
{
    public int Neurons { get; init; } = 300;

    public double PinnedFraction { get; init; } = 0.1;

    /// <summary>Initial weights N(0, gain^2 / (n - 1)).</summary>
    public double Gain { get; init; } = 0.9;

    /// <summary>Standard deviation of the Gaussian noise added to x and c every iteration.</summary>
    public double NoiseStd { get; init; } = 0.3;

    public int Iterations { get; init; } = 400;

    /// <summary>r, the learning rate.</summary>
    public double LearningRate { get; init; } = 0.01;

    /// <summary>p, the pruned fraction of all off-diagonal pairs.</summary>
    public double PruneFraction { get; init; } = 0.5;

    public ulong Seed { get; init; } = 1;
}

/// <summary>One run's final connectome and its community structure.</summary>
public sealed record ConnectomeResult(ConnectomeSettings Settings, double[] Weights, LeidenResult Communities, double WithinBetweenRatio, bool Diverged);

public static class ConnectomeExperiment
{
    public static ConnectomeResult Run(ConnectomeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var n = settings.Neurons;
        var pinned = Math.Max(1, (int)Math.Round(settings.PinnedFraction * n));
        string[] names = ["pinned", "rest"];
        var spec = new BalanceCreditSpec
        {
            Network = new NetworkSpec(
                [new("pinned", pinned), new("rest", n - pinned)],
                [.. names.SelectMany(pre => names.Select(post => new ProjectionSpec(pre, post)
                {
                    Distribution = WeightDistribution.Normal(settings.Gain),
                    Storage = SynapseStorage.Dense,
                }))]),
            Timescales = new Timescales(1, 1, 1),
            LearningRate = settings.LearningRate,
            HeldCreditGroups = ["pinned"],
            Seed = settings.Seed,
        };
        var model = new BalanceCreditModel(spec);
        var noise = Seeds.Random(settings.Seed, SeedStreams.ConnectomeNoise);
        var firing = model.Processes[0];
        var credit = model.Processes[1];
        var plasticity = model.Processes[2];
        var next = new double[n];
        var drive = new double[model.Weights.Length];
        var magnitudes = new double[n * (n - 1)];
        var diverged = false;
        for (var iteration = 0; iteration < settings.Iterations && !diverged; iteration++)
        {
            firing.Equilibrium!.Apply(model.Rates, next);
            AddNoise(next, model.Rates, noise, settings.NoiseStd);
            credit.Freeze();
            credit.Equilibrium!.Apply(model.Credit, next);
            AddNoise(next, model.Credit, noise, settings.NoiseStd);
            plasticity.Freeze();
            plasticity.System.Drive(0, model.Weights, drive);
            var w = model.Weights;
            for (var k = 0; k < w.Length; k++)
            {
                w[k] += drive[k];
            }

            Prune(model, settings.PruneFraction, magnitudes);
            diverged = !model.IsFinite();
        }

        var dense = DenseMatrix(model, n);
        var graph = WeightedGraph.FromSignedDirected(dense, n);
        var communities = new Leiden { Seed = settings.Seed }.Run(graph);
        return new ConnectomeResult(settings, dense, communities, ModuleStructure.WithinBetweenRatio(dense, n, communities.Membership), diverged);
    }

    /// <summary>The full n x n weight matrix (row = postsynaptic neuron, global indices).</summary>
    public static double[] DenseMatrix(BalanceCreditModel model, int n)
    {
        ArgumentNullException.ThrowIfNull(model);
        var dense = new double[n * n];
        for (var k = 0; k < model.Network.Projections.Count; k++)
        {
            var p = model.Network.Projections[k];
            var block = model.DenseWeights(k);
            for (var i = 0; i < p.Post.Size; i++)
            {
                for (var j = 0; j < p.Pre.Size; j++)
                {
                    dense[((p.Post.Offset + i) * n) + p.Pre.Offset + j] = block[(i * p.Pre.Size) + j];
                }
            }
        }

        return dense;
    }

    private static void AddNoise(ReadOnlySpan<double> source, Span<double> target, SeededRandom random, double std)
    {
        for (var k = 0; k < target.Length; k++)
        {
            target[k] = source[k] + (std * random.NextGaussian());
        }
    }

    /// <summary>Removes every existing synapse whose |w| is below the p-quantile of |w| over all off-diagonal pairs (pruned ones count as 0).</summary>
    private static void Prune(BalanceCreditModel model, double fraction, double[] magnitudes)
    {
        if (fraction <= 0)
        {
            return;
        }

        var count = 0;
        var weights = model.Weights;
        foreach (var p in model.Network.Projections)
        {
            for (var i = 0; i < p.Post.Size; i++)
            {
                for (var j = 0; j < p.Pre.Size; j++)
                {
                    if (!ReferenceEquals(p.Pre, p.Post) || i != j)
                    {
                        var slot = p.SlotOf(i, j);
                        magnitudes[count++] = slot < 0 ? 0.0 : Math.Abs(weights[p.SynapseOffset + slot]);
                    }
                }
            }
        }

        Array.Sort(magnitudes, 0, count);
        var threshold = magnitudes[Math.Min(count - 1, (int)Math.Floor(fraction * count))];
        for (var k = 0; k < model.Network.Projections.Count; k++)
        {
            var p = model.Network.Projections[k];
            var remove = new List<int>();
            p.ForEachSynapse((slot, _, _) =>
            {
                if (Math.Abs(model.Weights[p.SynapseOffset + slot]) < threshold)
                {
                    remove.Add(slot);
                }
            });
            foreach (var slot in remove)
            {
                model.RemoveSynapse(k, slot);
            }
        }
    }
}

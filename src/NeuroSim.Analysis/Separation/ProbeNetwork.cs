using NeuroSim.Core.Randomness;
using NeuroSim.Models.BalanceCredit;

namespace NeuroSim.Analysis.Separation;

/// <summary>
/// The fixed network and batch of a separation study: a layered network (sizes, activation, weight gain,
/// seed) and input-target pairs drawn from the seed. Every grid point starts from these same weights.
/// </summary>
public sealed record ProbeNetwork
{
    public IReadOnlyList<int> Sizes { get; init; } = [4, 8, 6, 3];

    public string Activation { get; init; } = "tanh";

    public double WeightGain { get; init; } = 1.2;

    public ulong Seed { get; init; } = 42;

    /// <summary>Number of input-target pairs; each is presented once, from the same initial weights.</summary>
    public int BatchSize { get; init; } = 8;

    /// <summary>
    /// eta of tau_w dW/dt = eta (c ⊙ f) x^T. With T = tau_w the step size lambda equals eta; small, because the
    /// weights' own motion during a presentation adds a deviation proportional to it.
    /// </summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>The batch: inputs uniform on [-1, 1), targets uniform on [-0.8, 0.8), from the seed.</summary>
    public (double[] Input, double[] Target)[] Pairs()
    {
        var random = Seeds.Random(Seed, SeedStreams.SeparationProbe);
        return [.. Enumerable.Range(0, BatchSize).Select(_ => (
            Enumerable.Range(0, Sizes[0]).Select(_ => random.NextUniform(-1, 1)).ToArray(),
            Enumerable.Range(0, Sizes[^1]).Select(_ => random.NextUniform(-0.8, 0.8)).ToArray()))];
    }

    /// <summary>
    /// A model file's layered network to use instead of <see cref="Sizes"/>, <see cref="Activation"/> and
    /// <see cref="WeightGain"/> (its time constants, learning rate and scheduler are replaced by the study's).
    /// </summary>
    public BalanceCreditSpec? Template { get; init; }

    /// <summary>A probe network from a model file's spec; it must be a layered chain with one input and one output group.</summary>
    public static ProbeNetwork FromSpec(BalanceCreditSpec spec, int batchSize, double learningRate)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var groups = spec.Network.Groups;
        var chain = spec.Network.Projections.Count == groups.Count - 1
            && spec.Network.Projections.Select((p, k) => p.Pre == groups[k].Name && p.Post == groups[k + 1].Name).All(x => x);
        if (!chain || spec.InputGroups.Count != 1 || spec.OutputGroups.Count != 1 || spec.InputGroups[0] != groups[0].Name || spec.OutputGroups[0] != groups[^1].Name)
        {
            throw new ArgumentException("the separation study needs a layered model: groups in a chain, input the first group, output the last");
        }

        return new ProbeNetwork
        {
            Sizes = [.. groups.Select(g => g.Size)],
            Activation = spec.Activation,
            Seed = spec.Seed,
            BatchSize = batchSize,
            LearningRate = learningRate,
            Template = spec,
        };
    }

    /// <summary>The model with the given timescales (tau in units of tau_x) and this network's weights.</summary>
    public BalanceCreditModel Build(Timescales timescales) =>
        new(Template is { } template
            ? template with { Timescales = timescales, LearningRate = LearningRate, Spillover = timescales.MessengerMs is null ? 0 : template.Spillover, OutputCreditMode = OutputCreditMode.Replace }
            : BalanceCreditSpec.Layered(Sizes, timescales, Activation, WeightGain) with { LearningRate = LearningRate, Seed = Seed });
}

namespace NeuroSim.Experiments.Sweeps;

/// <summary>A sweep file: a base model and protocol, the parameters that vary, seeds, metrics and limits.</summary>
public sealed record SweepSpec
{
    public required string Name { get; init; }

    public required string File { get; init; }

    public required string ModelPath { get; init; }

    public required string ProtocolPath { get; init; }

    /// <summary>The dimensions of the grid, in file order; the points are their product (the last varies fastest).</summary>
    public required IReadOnlyList<SweepDimension> Dimensions { get; init; }

    /// <summary>The run seeds; every grid point runs once per seed.</summary>
    public required IReadOnlyList<ulong> Seeds { get; init; }

    public required IReadOnlyList<MetricSpec> Metrics { get; init; }

    public IReadOnlyList<LimitSpec> Limits { get; init; } = [];

    /// <summary>Overrides applied to every point before its own (the `set:` section).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Fixed { get; init; } = [];

    /// <summary>Whether each run needs its adiabatic twin and its initial weights (a bp_deviation or bp_cosine metric).</summary>
    public bool NeedsBackpropTwin => Metrics.Any(m => m.NeedsTwin);

    /// <summary>Whether each run needs its initial state (bp metrics and weight_change compare with it).</summary>
    public bool NeedsInitialState => Metrics.Any(m => m.ComparesWithBackprop || m.Stat == "weight_change");

    /// <summary>Settings computed per point from its swept values (the `derived:` section), applied after them.</summary>
    public IReadOnlyList<DerivedSetting> Derived { get; init; } = [];

    /// <summary>The same sweep with seeds 1..<paramref name="count"/> instead of the file's (`--seeds N`, the prediction battery).</summary>
    public SweepSpec WithSeeds(int count) =>
        count is >= 1 and <= SweepFile.MaxSeeds
            ? this with { Seeds = [.. Enumerable.Range(1, count).Select(s => (ulong)s)] }
            : throw new ArgumentException(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"--seeds = {count}: must be 1 to {SweepFile.MaxSeeds}"));

    /// <summary>Values of the base model and protocol (after `set:`) that derived settings use without sweeping them, by path.</summary>
    public IReadOnlyDictionary<string, double> BaseValues { get; init; } = new Dictionary<string, double>();
}

/// <summary>
/// One axis of the grid: one parameter, or several varied together (zip), each with one value per step. Values are
/// kept as the text given to --set ("20 ms", "0.01") and as a number in <see cref="SweepParameter.Unit"/> for tables.
/// </summary>
public sealed record SweepDimension(IReadOnlyList<SweepParameter> Parameters)
{
    public int Count => Parameters[0].Values.Count;
}

/// <param name="Path">The --set path ("timescales.credit", "protocol.timeline[1].drive.amplitude").</param>
/// <param name="Unit">"ms" for durations, empty for plain numbers or text.</param>
/// <param name="Values">The values in sweep order.</param>
/// <param name="Log">Whether the values were spaced logarithmically (figures use log axes).</param>
/// <param name="Variable">A sweep variable (the `variables:` section): used by derived settings and recorded, not a --set path.</param>
public sealed record SweepParameter(string Path, string Unit, IReadOnlyList<SweepValue> Values, bool Log, bool Variable = false);

/// <summary>A setting computed for each point: <paramref name="Path"/> = <paramref name="Expression"/> of the point's values.</summary>
public sealed record DerivedSetting(string Path, SweepExpression Expression);

/// <summary>A parameter value: the text for --set and its number (NaN for text that is not one).</summary>
public readonly record struct SweepValue(string Text, double Number);

/// <summary>
/// A number computed from each point's run folder: a statistic of one monitor column over an optional window
/// (<see cref="Stat"/>: last, first, mean, min, max, peak (largest absolute value)).
/// </summary>
public sealed record MetricSpec(string Name, string Monitor, string Column, string Stat, double FromMs, double ToMs)
{
    /// <summary>Where the metric is declared, for errors found once the protocol's monitors are known.</summary>
    public NeuroSim.Models.Protocols.SourcePosition? Source { get; init; }

    /// <summary>
    /// Community structure of the final connectome (the whole network's weights, Leiden on the symmetrised |W| seeded
    /// with the run's seed): modularity Q, the number of communities, the within/between ratio of mean |w| per pair,
    /// and the fraction of all |w| that crosses between communities.
    /// </summary>
    public static IReadOnlyList<string> StructureStats { get; } = ["modularity", "communities", "within_between", "across_module"];

    public static IReadOnlyList<string> Stats { get; } = ["last", "first", "mean", "min", "max", "peak", "settle", "bp_deviation", "bp_cosine", "weight_change", .. StructureStats];

    /// <summary>weight_change: the projection ("pre->post") whose final weights are compared with its initial ones; null: every projection.</summary>
    public string? Projection { get; init; }

    /// <summary>settle: relative distance from the final value within which the column must stay (default 1%).</summary>
    public double Tolerance { get; init; } = 0.01;

    /// <summary>Statistics computed from weights/ rather than from a monitor.</summary>
    public bool ReadsWeights => ComparesWithBackprop || Stat == "weight_change" || IsStructure;

    /// <summary>One of <see cref="StructureStats"/>: computed from the final weights of the whole network.</summary>
    public bool IsStructure => StructureStats.Contains(Stat);

    /// <summary>
    /// bp_deviation and bp_cosine compare the run's weight change with that of its adiabatic twin (the same model and
    /// protocol in scheduler mode adiabatic, where the rule's update is the BP step): ||dW - dW_bp|| / ||dW_bp|| and
    /// their cosine, over every weights/*.csv. They read no monitor.
    /// </summary>
    public bool ComparesWithBackprop => Stat is "bp_deviation" or "bp_cosine";

    /// <summary>
    /// `of: adiabatic`: the statistic is taken from the run's adiabatic twin (the eps -> 0 limit of the same point), so
    /// that a learning curve can be set against the limit it approaches.
    /// </summary>
    public bool OfAdiabaticTwin { get; init; }

    /// <summary>Whether the metric needs the run's adiabatic twin.</summary>
    public bool NeedsTwin => ComparesWithBackprop || OfAdiabaticTwin;
}

/// <summary>A declared limit: where along <see cref="Parameter"/> the mean of <see cref="Metric"/> stops being below (or above) <see cref="Threshold"/>.</summary>
public sealed record LimitSpec(string Metric, string Parameter, double Threshold, bool Below);

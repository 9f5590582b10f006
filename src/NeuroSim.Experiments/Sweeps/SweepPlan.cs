namespace NeuroSim.Experiments.Sweeps;

/// <summary>One grid point with one seed: the values it sets and the folder its run goes to.</summary>
/// <param name="Index">Position in the sweep order (grid point major, seed minor).</param>
/// <param name="Point">The grid point (the same for every seed of it).</param>
/// <param name="Seed">The run's seed.</param>
/// <param name="Values">One value per parameter, in <see cref="SweepPlan.Parameters"/> order.</param>
public sealed record SweepRun(int Index, int Point, ulong Seed, IReadOnlyList<SweepValue> Values)
{
    /// <summary>The run's folder name inside the sweep's runs/ folder, sortable and unique.</summary>
    public string FolderName => string.Create(CultureInfo.InvariantCulture, $"p{Point:D5}-s{Seed}");
}

/// <summary>The runs of a sweep: the product of its dimensions (the last varying fastest) times its seeds.</summary>
public sealed class SweepPlan
{
    public SweepPlan(SweepSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Spec = spec;
        var swept = spec.Dimensions.SelectMany(d => d.Parameters).ToList();
        Parameters = [.. swept, .. spec.Derived.Select(d => new SweepParameter(d.Path, d.Expression.Unit, [], Log: false))];
        SweptCount = swept.Count;
        var points = spec.Dimensions.Aggregate(1, (n, d) => n * d.Count);
        var runs = new List<SweepRun>(points * spec.Seeds.Count);
        for (var p = 0; p < points; p++)
        {
            var values = new List<SweepValue>(Parameters.Count);
            var rest = p;
            var steps = new int[spec.Dimensions.Count];
            for (var d = spec.Dimensions.Count - 1; d >= 0; d--)
            {
                steps[d] = rest % spec.Dimensions[d].Count;
                rest /= spec.Dimensions[d].Count;
            }

            for (var d = 0; d < spec.Dimensions.Count; d++)
            {
                values.AddRange(spec.Dimensions[d].Parameters.Select(parameter => parameter.Values[steps[d]]));
            }

            var named = new Dictionary<string, double>(spec.BaseValues);
            foreach (var (parameter, k) in swept.Select((parameter, k) => (parameter, k)))
            {
                named[parameter.Path] = values[k].Number;
            }

            foreach (var setting in spec.Derived)
            {
                var number = setting.Expression.Evaluate(named);
                var text = setting.Expression.Format(number);
                values.Add(new SweepValue(text, double.Parse(text.Split(' ')[0], CultureInfo.InvariantCulture)));
            }

            runs.AddRange(spec.Seeds.Select(seed => new SweepRun(runs.Count, p, seed, values)));
        }

        Runs = runs;
        Points = points;
    }

    public SweepSpec Spec { get; }

    /// <summary>Every swept parameter and variable, dimension by dimension (zipped ones together), then the derived settings.</summary>
    public IReadOnlyList<SweepParameter> Parameters { get; }

    /// <summary>How many of <see cref="Parameters"/> are swept (or variables); the rest are derived from them.</summary>
    public int SweptCount { get; }

    /// <summary>A label of the swept values of <paramref name="run"/> other than parameter <paramref name="axis"/> ("" when there are none).</summary>
    public string OthersOf(SweepRun run, int axis)
    {
        ArgumentNullException.ThrowIfNull(run);
        return string.Join(", ", Enumerable.Range(0, SweptCount).Where(k => k != axis).Select(k => $"{Parameters[k].Path} = {run.Values[k].Text}"));
    }

    public IReadOnlyList<SweepRun> Runs { get; }

    public int Points { get; }

    /// <summary>The adiabatic twin of <paramref name="run"/> (the same settings in scheduler mode adiabatic: the BP step), for bp_deviation.</summary>
    public RunRequest BackpropTwin(SweepRun run, string outputDirectory)
    {
        var request = Request(run, outputDirectory);
        return request with { Overrides = [.. request.Overrides, KeyValuePair.Create("scheduler.mode", "adiabatic")], Command = request.Command + " (adiabatic twin)" };
    }

    /// <summary>The run's initial state: the same request stopped at t = 0, whose weights/ are the weights every twin starts from.</summary>
    public RunRequest Initial(SweepRun run, string outputDirectory)
    {
        var request = Request(run, outputDirectory);
        return request with { UntilMs = 0, Command = request.Command + " (initial state)" };
    }

    /// <summary>The `neurosim run` request of <paramref name="run"/>: the sweep's fixed overrides, then the point's, and its seed.</summary>
    public RunRequest Request(SweepRun run, string outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new RunRequest(Spec.ModelPath, Spec.ProtocolPath, outputDirectory)
        {
            Seed = run.Seed,
            Overrides = [.. Spec.Fixed, .. Parameters.Select((parameter, k) => (parameter, k)).Where(p => !p.parameter.Variable).Select(p => KeyValuePair.Create(p.parameter.Path, run.Values[p.k].Text))],
            Command = string.Create(CultureInfo.InvariantCulture, $"neurosim sweep {Spec.File} (point {run.Point}, seed {run.Seed})"),
            CheckpointEverySeconds = 0,
        };
    }
}

namespace NeuroSim.Analysis.Predictions;

/// <summary>
/// Prediction 2: dw_ij / g_ji = lambda x_j / w_ij for every synapse after one presentation
/// (protocols/predictions/update-to-signal-ratio.sweep.yaml), in adiabatic mode (exact) and in the model's own
/// multirate continuous time (eps = 0.1), over seeds. g_ji = c_i f(s_i) w_ij with the settled credit and
/// rate and f(s) at the presentation's initial weights; lambda = eta T / tau_w = the model's learning rate.
/// </summary>
public static class UpdateToSignalRatio
{
    public const double Lambda = 0.2;

    public static PredictionOutcome Run(PredictionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var sweep = PredictionSweep.Run(context, "update-to-signal-ratio.sweep.yaml", "p2");
        string[] modes = ["adiabatic", "multirate"];
        sweep.Expect(modes, p => sweep.PointValues("scheduler.mode")[p]);
        var points = new Dictionary<string, List<(double Expected, double Measured)>>();
        var rows = new List<PredictionRow>();
        var largestPerSeed = new Dictionary<string, double[]>();
        var synapses = 0;
        foreach (var (mode, point) in modes.Select((mode, point) => (mode, point)))
        {
            points[mode] = [];

            // One number per seed (the unit of replication): the mean, median, 90th percentile and largest departure
            // over the synapses of that seed's network.
            var perSeed = Quantities.ToDictionary(q => q.Name, _ => new double[context.Seeds]);
            for (var seed = 1; seed <= context.Seeds; seed++)
            {
                var own = new List<double>();
                foreach (var (expected, measured) in Ratios(sweep.Monitor(point, seed, "plastic")))
                {
                    points[mode].Add((expected, measured));
                    own.Add(Math.Abs((measured / expected) - 1));
                }

                synapses = Math.Max(synapses, own.Count);
                foreach (var (name, statistic) in Quantities)
                {
                    perSeed[name][seed - 1] = own.Count == 0 ? double.NaN : statistic(own.ToArray());
                }
            }

            // Continuous time is compared with the fully separated timescales on the same seeds.
            foreach (var (name, _) in Quantities)
            {
                rows.Add(point == 0 ? PredictionRow.OverSeeds(mode, name, perSeed[name]) : PredictionRow.Against(mode, name, perSeed[name], rows.Single(r => r.Condition == modes[0] && r.Quantity == name)));
            }

            largestPerSeed[mode] = perSeed[Quantities[^1].Name];
        }

        var median = rows.Single(r => r.Condition == "multirate" && r.Quantity == Quantities[1].Name);
        var p90 = rows.Single(r => r.Condition == "multirate" && r.Quantity == Quantities[2].Name);
        var effect = string.Create(CultureInfo.InvariantCulture,
            $"With the timescales fully separated (adiabatic), dw_ij / g_ji equals lambda x_j / w_ij to {largestPerSeed["adiabatic"].Max():0.0e+0} (relative; the largest departure of any of the {synapses} synapses in any of {context.Seeds} seeds). With firing, credit and plasticity at 10 ms, 100 ms and 1 s (eps = 0.1), the median synapse of a seed departs by {EffectWording.MeanCi(median, Pct)} and the 90th percentile by {EffectWording.MeanCi(p90, Pct)} (median: {EffectWording.Phrase(median, Pct, "adiabatic")}), with a step size lambda = {Lambda} (part of that departure is the weights' own motion during the presentation, which grows with lambda).");
        var figure = PredictionFigures.Save(context, Figure(points, rows, modes), "p2-update-to-signal-ratio.svg");
        return new PredictionOutcome(
            "2",
            "Ratio of synaptic change to retrograde signal",
            "one presentation of a stimulus with its target (input and output clamps overlapping for T = tau_w = 1 s)",
            "for every synapse, its weight change dw_ij over the presentation divided by the retrograde signal g_ji = c_i f(s_i) w_ij it carries, against lambda x_j / w_ij",
            effect,
            rows,
            [figure])
        {
            InTheLab = "In paired recordings of connected neurons, pair pre- and postsynaptic activity for about 1 s and measure, per synapse, the change of the unitary EPSP divided by the retrograde signal it received (e.g. a retrograde-messenger sensor's signal at that bouton times the baseline EPSP), against the presynaptic firing rate divided by the baseline EPSP; this maps to dw_ij / g_ji against lambda x_j / w_ij, whose slope is the learning rate lambda.",
        };
    }

    /// <summary>The per-seed statistics of |measured / expected - 1| over a seed's synapses, in the table's order (the median and 90th percentile R-7, linear between order statistics).</summary>
    private static readonly (string Name, Func<double[], double> Of)[] Quantities =
    [
        ("|measured / (lambda x_j / w_ij) - 1|, mean over the synapses of a seed", v => v.Average()),
        ("the same, median over the synapses of a seed", v => MathNet.Numerics.Statistics.Statistics.QuantileCustom(v, 0.5, MathNet.Numerics.Statistics.QuantileDefinition.R7)),
        ("the same, 90th percentile over the synapses of a seed", v => MathNet.Numerics.Statistics.Statistics.QuantileCustom(v, 0.9, MathNet.Numerics.Statistics.QuantileDefinition.R7)),
        ("the same, largest over the synapses of a seed", v => v.Max()),
    ];

    private static string Pct(double value) => EffectWording.Percent(value, 1);

    /// <summary>(lambda x_j / w_ij, dw_ij / g_ji) for every synapse with a non-vanishing signal, from the first and last rows of the monitor.</summary>
    internal static IEnumerable<(double Expected, double Measured)> Ratios(Dictionary<string, double[]> monitor)
    {
        foreach (var column in monitor.Keys)
        {
            if (!ColumnNames.TrySynapse(column, out var synapse) || synapse.Variable != "W")
            {
                continue;
            }

            var (pre, post, i, j) = (synapse.Pre, synapse.Post, synapse.PostIndex, synapse.PreIndex);
            var w0 = monitor[column][0];
            var dw = monitor[column][^1] - w0;
            var xj = monitor[$"x[{pre}:{j}]"][^1];
            var ci = monitor[$"c[{post}:{i}]"][^1];
            var si = NetInput(monitor, pre, post, i);
            var fi = 1.0 - (Math.Tanh(si) * Math.Tanh(si));
            var g = ci * fi * w0;
            if (Math.Abs(g) < 1e-12 || Math.Abs(w0) < 1e-12 || Math.Abs(xj) < 1e-12)
            {
                continue;
            }

            yield return (Lambda * xj / w0, dw / g);
        }
    }

    /// <summary>s_i = sum_j w_ij x_j + b_i at the initial weights and biases and the settled rates.</summary>
    private static double NetInput(Dictionary<string, double[]> monitor, string pre, string post, int i)
    {
        var s = monitor[$"b[{post}:{i}]"][0];
        for (var j = 0; monitor.TryGetValue($"W[{pre}->{post}:{i}<-{j}]", out var w); j++)
        {
            s += w[0] * monitor[$"x[{pre}:{j}]"][^1];
        }

        return s;
    }

    private static Figure Figure(Dictionary<string, List<(double Expected, double Measured)>> points, List<PredictionRow> rows, string[] modes)
    {
        var figure = new Figure(1, 2)
        {
            Width = 1200,
            Height = 560,
            Title = "Prediction 2: dw / g = lambda x_pre / w",
            Subtitle = "layered XOR model after one presentation; left: every synapse of every seed; right: median departure per seed (dots) with mean and 95% CI",
        };
        var panel = new Panel { KeepAspect = true, Legend = LegendPosition.TopLeft, Title = "every synapse" };
        panel.X.Label = "lambda x_j / w_ij";
        panel.Y.Label = "measured dw_ij / g_ji";
        var color = 0;
        foreach (var (mode, list) in points)
        {
            panel.Add(new ScatterSeries(mode == "adiabatic" ? "adiabatic (timescales fully separated)" : "multirate, eps = 0.1", [.. list.Select(p => p.Expected)], [.. list.Select(p => p.Measured)], Palette.SeriesColor(color++), mode == "adiabatic" ? 4.5 : 2.5));
        }

        panel.Add(new IdentityLine());
        var perSeed = new Panel { Title = "median |dw / g ÷ (lambda x / w) - 1| of a seed" };
        perSeed.Y.Log = true;
        perSeed.Y.Label = "departure from the identity";
        perSeed.X.Ticks = [.. modes.Select((m, k) => new Tick(k, m))];
        perSeed.X.Min = -0.6;
        perSeed.X.Max = modes.Length - 0.4;
        for (var k = 0; k < modes.Length; k++)
        {
            var median = rows.Single(r => r.Condition == modes[k] && r.Quantity == Quantities[1].Name);
            perSeed.Add(new MeanWithInterval(null, [k], [median.PerSeed], Palette.SeriesColor(k)) { ErrorBars = true });
            perSeed.Add(new ScatterSeries(null, [.. median.PerSeed.Select(_ => k + 0.2)], median.PerSeed, Palette.SeriesColor(k), 2.5));
        }

        figure.Add(0, 0, panel);
        figure.Add(0, 1, perSeed);
        return figure;
    }
}

using System.Globalization;
using NeuroSim.Core.RunFolders;
using NeuroSim.Plotting.Layers;
using NeuroSim.Plotting.Layout;

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
        var rows = new List<PredictionRow>();
        var points = new Dictionary<string, List<(double Expected, double Measured)>>();
        var deviations = new Dictionary<string, List<double>>();
        foreach (var (mode, point) in modes.Select((mode, point) => (mode, point)))
        {
            points[mode] = [];
            deviations[mode] = [];
            var perSeed = new List<double>();
            for (var seed = 1; seed <= context.Seeds; seed++)
            {
                var own = new List<double>();
                foreach (var (expected, measured) in Ratios(sweep.Monitor(point, seed, "plastic")))
                {
                    points[mode].Add((expected, measured));
                    own.Add(Math.Abs((measured / expected) - 1));
                }

                deviations[mode].AddRange(own);
                perSeed.Add(own.Average());
            }

            // The median and the largest describe every synapse of every seed together: no interval.
            var sorted = deviations[mode].Order().ToArray();
            rows.Add(PredictionRow.OverSeeds(mode, "|measured / (lambda x_j / w_ij) - 1|, mean over the synapses of a seed", perSeed));
            rows.Add(new PredictionRow(mode, "the same, median", sorted[sorted.Length / 2], double.NaN, sorted.Length));
            rows.Add(new PredictionRow(mode, "the same, largest", sorted[^1], double.NaN, sorted.Length));
        }

        var adiabaticMax = deviations["adiabatic"].Max();
        var multirate = deviations["multirate"].Order().ToArray();
        var effect = string.Create(CultureInfo.InvariantCulture,
            $"Across all {multirate.Length / context.Seeds} synapses and {context.Seeds} seeds, dw_ij / g_ji equals lambda x_j / w_ij to {adiabaticMax:E1} (relative) when the timescales are fully separated (adiabatic); with firing, credit and plasticity at 10 ms, 100 ms and 1 s (eps = 0.1) it departs by {multirate[multirate.Length / 2]:P1} at the median synapse and {multirate[(int)(0.9 * (multirate.Length - 1))]:P1} at the 90th percentile, with a step size lambda = {Lambda} (part of that departure is the weights' own motion during the presentation, which grows with lambda).");
        var figure = PredictionFigures.Save(context, Figure(points), "p2-update-to-signal-ratio.svg");
        return new PredictionOutcome(
            "2",
            "Ratio of synaptic change to retrograde signal",
            "one presentation of a stimulus with its target (input and output clamps overlapping for T = tau_w = 1 s)",
            "for every synapse, its weight change dw_ij over the presentation divided by the retrograde signal g_ji = c_i f(s_i) w_ij it carries, against lambda x_j / w_ij",
            effect,
            rows,
            [figure]);
    }

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

    private static Figure Figure(Dictionary<string, List<(double Expected, double Measured)>> points)
    {
        var figure = new Figure(1, 1)
        {
            Width = 720,
            Height = 620,
            Title = "Prediction 2: dw / g = lambda x_pre / w",
            Subtitle = "every synapse of the layered XOR model after one presentation, all seeds",
        };
        var panel = new Panel { KeepAspect = true, Legend = LegendPosition.TopLeft };
        panel.X.Label = "lambda x_j / w_ij";
        panel.Y.Label = "measured dw_ij / g_ji";
        var color = 0;
        foreach (var (mode, list) in points)
        {
            panel.Add(new ScatterSeries(mode == "adiabatic" ? "adiabatic (timescales fully separated)" : "multirate, eps = 0.1", [.. list.Select(p => p.Expected)], [.. list.Select(p => p.Measured)], Palette.SeriesColor(color++), mode == "adiabatic" ? 4.5 : 2.5));
        }

        panel.Add(new IdentityLine());
        figure.Add(0, 0, panel);
        return figure;
    }
}

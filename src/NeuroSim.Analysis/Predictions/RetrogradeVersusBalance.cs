using System.Globalization;
using NeuroSim.Plotting.Layers;
using NeuroSim.Plotting.Layout;

namespace NeuroSim.Analysis.Predictions;

/// <summary>
/// Prediction 1: the retrograde signal a neuron sends, per unit synaptic weight |c f(s)|, against a tonic
/// drive that shifts its E-I balance (protocols/predictions/retrograde-vs-balance.sweep.yaml), for every hidden
/// neuron of the layered XOR model over seeds. Normalised per neuron to its largest value over the drives; the
/// neurons of a seed are averaged, so that each seed gives one number.
/// </summary>
public static class RetrogradeVersusBalance
{
    public static IReadOnlyList<double> Drives { get; } = [-3.0, -2.0, -1.5, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0, 3.0];

    public const int HiddenNeurons = 8;

    public static PredictionOutcome Run(PredictionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var sweep = PredictionSweep.Run(context, "retrograde-vs-balance.sweep.yaml", "p1");
        // Points: neuron-major (hidden:0 .. hidden:7), then the drives.
        sweep.Expect(
            [.. from neuron in Enumerable.Range(0, HiddenNeurons) from drive in Drives select string.Create(CultureInfo.InvariantCulture, $"hidden:{neuron} {drive:R}")],
            p => string.Create(CultureInfo.InvariantCulture, $"{sweep.PointValues("protocol.timeline[2].drive.neurons[0]")[p]} {(sweep.PointValues("protocol.timeline[2].drive.pool")[p] == "inhibitory" ? -1 : 1) * double.Parse(sweep.PointValues("protocol.timeline[2].drive.amplitude")[p], CultureInfo.InvariantCulture):R}"));
        var amplitude = new double[context.Seeds, HiddenNeurons, Drives.Count];
        var netInput = new double[context.Seeds, HiddenNeurons, Drives.Count];
        for (var seed = 1; seed <= context.Seeds; seed++)
        {
            for (var neuron = 0; neuron < HiddenNeurons; neuron++)
            {
                for (var k = 0; k < Drives.Count; k++)
                {
                    var monitor = sweep.Monitor((neuron * Drives.Count) + k, seed, "neuron");
                    var label = $"hidden:{neuron}";
                    amplitude[seed - 1, neuron, k] = Math.Abs(monitor[$"c[{label}]"][^1] * monitor[$"f[{label}]"][^1]);
                    netInput[seed - 1, neuron, k] = monitor[$"s[{label}]"][^1];
                }
            }
        }

        // Pooled over neurons and seeds for the figure; averaged per seed for the table.
        var normalized = new List<double>[Drives.Count];
        var inputs = new List<double>[Drives.Count];
        var normalizedPerSeed = new List<double>[Drives.Count];
        var inputsPerSeed = new List<double>[Drives.Count];
        for (var k = 0; k < Drives.Count; k++)
        {
            normalized[k] = [];
            inputs[k] = [];
            normalizedPerSeed[k] = [];
            inputsPerSeed[k] = [];
        }

        var peakInputsPerSeed = new List<double>();
        var neuronsCounted = 0;
        for (var seed = 0; seed < context.Seeds; seed++)
        {
            var peakInputs = new List<double>();
            var ownNormalized = Enumerable.Range(0, Drives.Count).Select(_ => new List<double>()).ToArray();
            var ownInputs = Enumerable.Range(0, Drives.Count).Select(_ => new List<double>()).ToArray();
            for (var neuron = 0; neuron < HiddenNeurons; neuron++)
            {
                var peak = Enumerable.Range(0, Drives.Count).MaxBy(k => amplitude[seed, neuron, k]);
                if (amplitude[seed, neuron, peak] < 1e-9)
                {
                    continue; // a neuron that receives no credit sends none at any balance
                }

                neuronsCounted++;
                peakInputs.Add(netInput[seed, neuron, peak]);
                for (var k = 0; k < Drives.Count; k++)
                {
                    ownNormalized[k].Add(amplitude[seed, neuron, k] / amplitude[seed, neuron, peak]);
                    ownInputs[k].Add(netInput[seed, neuron, k]);
                }
            }

            if (peakInputs.Count == 0)
            {
                continue; // a seed none of whose hidden neurons receives credit gives no number
            }

            peakInputsPerSeed.Add(peakInputs.Average());
            for (var k = 0; k < Drives.Count; k++)
            {
                normalized[k].AddRange(ownNormalized[k]);
                inputs[k].AddRange(ownInputs[k]);
                normalizedPerSeed[k].Add(ownNormalized[k].Average());
                inputsPerSeed[k].Add(ownInputs[k].Average());
            }
        }

        var rows = new List<PredictionRow>();
        for (var k = 0; k < Drives.Count; k++)
        {
            var condition = string.Create(CultureInfo.InvariantCulture, $"tonic drive {Drives[k]:+0.0;-0.0;0}");
            rows.Add(PredictionRow.OverSeeds(condition, "retrograde signal |c f(s)| / its peak, mean over the neurons of a seed", normalizedPerSeed[k]));
            rows.Add(PredictionRow.OverSeeds(condition, "net input s, mean over the neurons of a seed", inputsPerSeed[k]));
        }

        var peakS = PredictionRow.OverSeeds("peak", "net input at the peak", peakInputsPerSeed);
        var atPlus = rows[^2];
        var atMinus = rows[0];
        var effect = string.Create(CultureInfo.InvariantCulture,
            $"The retrograde signal per unit weight peaks where the neuron is near balance (net input at the peak s = {peakS.Mean:F2} ± {peakS.HalfWidth95:F2}, where tanh' peaks at 0) and falls to {atPlus.Mean:P0} ± {atPlus.HalfWidth95:P0} of its peak under tonic excitation of 3 (saturated) and to {atMinus.Mean:P0} ± {atMinus.HalfWidth95:P0} under tonic inhibition of 3 ({neuronsCounted} neurons that receive credit, averaged within each of {peakInputsPerSeed.Count} seeds).");
        var figure = PredictionFigures.Save(context, Figure(normalized, inputs), "p1-retrograde-vs-balance.svg");
        return new PredictionOutcome(
            "1",
            "Retrograde signal amplitude against a neuron's E-I balance",
            "tonic excitatory or inhibitory drive (0 to 3, in units of net input) onto one hidden neuron, plasticity blocked, one stimulus and target held",
            "the retrograde signal the neuron sends per unit synaptic weight, |c f(s)|, after 500 ms of drive, relative to its largest value over the drives",
            effect,
            rows,
            [figure]);
    }

    private static Figure Figure(List<double>[] normalized, List<double>[] inputs)
    {
        var figure = new Figure(1, 2)
        {
            Width = 1100,
            Height = 460,
            Title = "Prediction 1: the retrograde signal is largest for balanced neurons",
            Subtitle = "hidden neurons of the layered XOR model, one tonic drive at a time; dots: single neurons and seeds; line: mean",
        };
        var byDrive = new Panel { Title = "against the tonic drive" };
        byDrive.X.Label = "tonic drive (inhibitory < 0 < excitatory)";
        byDrive.Y.Label = "|c f(s)| / its peak";
        byDrive.Add(new LineSeries("mean", [.. Drives], [.. normalized.Select(v => v.Count == 0 ? double.NaN : v.Average())], Palette.SeriesColor(0), 2.2));
        byDrive.Add(new ScatterSeries(null, [.. Drives.SelectMany((d, k) => normalized[k].Select(_ => d))], [.. normalized.SelectMany(v => v)], Palette.SeriesColor(0), 2.2));
        var bySum = new Panel { Title = "against the net input it produces" };
        bySum.X.Label = "net input s = E - I + b";
        bySum.Y.Label = "|c f(s)| / its peak";
        bySum.Add(new ScatterSeries("neuron x drive", [.. inputs.SelectMany(v => v)], [.. normalized.SelectMany(v => v)], Palette.SeriesColor(1), 2.2));
        figure.Add(0, 0, byDrive);
        figure.Add(0, 1, bySum);
        return figure;
    }
}

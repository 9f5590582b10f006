using System.Globalization;
using NeuroSim.Plotting.Layers;
using NeuroSim.Plotting.Layout;

namespace NeuroSim.Analysis.Predictions;

/// <summary>
/// Prediction 1: the retrograde signal a neuron sends, per unit synaptic weight |c f(s)|, against a tonic
/// drive that shifts its E-I balance (protocols/predictions/retrograde-vs-balance.yaml), for every hidden
/// neuron of the layered XOR model over seeds. Normalised per neuron to its largest value over the drives.
/// </summary>
public static class RetrogradeVersusBalance
{
    public static IReadOnlyList<double> Drives { get; } = [-3.0, -2.0, -1.5, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0, 3.0];

    public const int HiddenNeurons = 8;

    public static PredictionOutcome Run(PredictionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var template = context.Template("retrograde-vs-balance.yaml");
        var jobs = (from seed in Enumerable.Range(1, context.Seeds) from neuron in Enumerable.Range(0, HiddenNeurons) from d in Drives.Select((v, k) => (v, k)) select (seed, neuron, d.v, d.k)).ToList();
        var amplitude = new double[context.Seeds, HiddenNeurons, Drives.Count];
        var netInput = new double[context.Seeds, HiddenNeurons, Drives.Count];
        Parallel.ForEach(jobs, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, job =>
        {
            var values = new Dictionary<string, string>
            {
                ["POOL"] = job.v >= 0 ? "excitatory" : "inhibitory",
                ["AMPLITUDE"] = Math.Abs(job.v).ToString("R", CultureInfo.InvariantCulture),
                ["NEURON"] = $"hidden:{job.neuron}",
            };
            var folder = Path.Combine(context.OutputFolder, "runs", "p1", $"seed{job.seed}-n{job.neuron}-d{job.k}");
            var run = TemplateRuns.Run(template, values, folder, (ulong)job.seed);
            var monitor = TemplateRuns.Monitor(run, "neuron");
            var label = $"hidden:{job.neuron}";
            amplitude[job.seed - 1, job.neuron, job.k] = Math.Abs(monitor[$"c[{label}]"][^1] * monitor[$"f[{label}]"][^1]);
            netInput[job.seed - 1, job.neuron, job.k] = monitor[$"s[{label}]"][^1];
        });

        var normalized = new List<double>[Drives.Count];
        var inputs = new List<double>[Drives.Count];
        for (var k = 0; k < Drives.Count; k++)
        {
            normalized[k] = [];
            inputs[k] = [];
        }

        var peakDrives = new List<double>();
        var peakInputs = new List<double>();
        for (var seed = 0; seed < context.Seeds; seed++)
        {
            for (var neuron = 0; neuron < HiddenNeurons; neuron++)
            {
                var peak = Enumerable.Range(0, Drives.Count).MaxBy(k => amplitude[seed, neuron, k]);
                if (amplitude[seed, neuron, peak] < 1e-9)
                {
                    continue; // a neuron that receives no credit sends none at any balance
                }

                peakDrives.Add(Drives[peak]);
                peakInputs.Add(netInput[seed, neuron, peak]);
                for (var k = 0; k < Drives.Count; k++)
                {
                    normalized[k].Add(amplitude[seed, neuron, k] / amplitude[seed, neuron, peak]);
                    inputs[k].Add(netInput[seed, neuron, k]);
                }
            }
        }

        var rows = new List<PredictionRow>();
        for (var k = 0; k < Drives.Count; k++)
        {
            var (m, s) = TemplateRuns.MeanSd(normalized[k]);
            var (mi, si) = TemplateRuns.MeanSd(inputs[k]);
            var condition = string.Create(CultureInfo.InvariantCulture, $"tonic drive {Drives[k]:+0.0;-0.0;0}");
            rows.Add(new PredictionRow(condition, "retrograde signal |c f(s)| / its peak", m, s, normalized[k].Count));
            rows.Add(new PredictionRow(condition, "net input s", mi, si, inputs[k].Count));
        }

        var (peakS, peakSd) = TemplateRuns.MeanSd(peakInputs);
        var atPlus = TemplateRuns.MeanSd(normalized[^1]);
        var atMinus = TemplateRuns.MeanSd(normalized[0]);
        var effect = string.Create(CultureInfo.InvariantCulture,
            $"The retrograde signal per unit weight peaks where the neuron is near balance (net input at the peak s = {peakS:F2} ± {peakSd:F2}, where tanh' peaks at 0) and falls to {atPlus.Mean:P0} ± {atPlus.Sd:P0} of its peak under tonic excitation of 3 (saturated) and to {atMinus.Mean:P0} ± {atMinus.Sd:P0} under tonic inhibition of 3 (n = {normalized[0].Count} neurons over {context.Seeds} seeds).");
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

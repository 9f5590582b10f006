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

        // One number per seed (the unit of replication): the mean over the seed's neurons that receive credit; NaN for
        // a seed none of whose hidden neurons receives credit (it gives no number).
        var normalizedPerSeed = new double[Drives.Count][];
        var inputsPerSeed = new double[Drives.Count][];
        for (var k = 0; k < Drives.Count; k++)
        {
            normalizedPerSeed[k] = new double[context.Seeds];
            inputsPerSeed[k] = new double[context.Seeds];
        }

        var peakInputsPerSeed = new double[context.Seeds];
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

            peakInputsPerSeed[seed] = peakInputs.Count == 0 ? double.NaN : peakInputs.Average();
            for (var k = 0; k < Drives.Count; k++)
            {
                normalizedPerSeed[k][seed] = peakInputs.Count == 0 ? double.NaN : ownNormalized[k].Average();
                inputsPerSeed[k][seed] = peakInputs.Count == 0 ? double.NaN : ownInputs[k].Average();
            }
        }

        // Every drive is compared with no drive (0) on the same seeds.
        var control = Drives.ToList().IndexOf(0.0);
        var controlSignal = PredictionRow.OverSeeds(Condition(Drives[control]), SignalQuantity, normalizedPerSeed[control]);
        var rows = new List<PredictionRow>();
        for (var k = 0; k < Drives.Count; k++)
        {
            rows.Add(k == control ? controlSignal : PredictionRow.Against(Condition(Drives[k]), SignalQuantity, normalizedPerSeed[k], controlSignal));
            // The net input is the manipulation itself (the drive is added to it), so it is listed, not tested.
            rows.Add(PredictionRow.OverSeeds(Condition(Drives[k]), InputQuantity, inputsPerSeed[k]));
        }

        var peakS = PredictionRow.OverSeeds("peak", "net input at the peak, mean over the neurons of a seed", peakInputsPerSeed);
        rows.Add(peakS);
        var atPlus = rows[2 * (Drives.Count - 1)];
        var atMinus = rows[0];
        var seedsCounted = peakInputsPerSeed.Count(double.IsFinite);
        var peakAtBalance = !double.IsFinite(peakS.HalfWidth95)
            ? $"peaks at a net input s = {EffectWording.MeanCi(peakS, F2)} (tanh' peaks at s = 0)"
            : peakS.HalfWidth95 >= Math.Abs(peakS.Mean)
                ? $"peaks where the neuron is balanced (net input at the peak s = {EffectWording.MeanCi(peakS, F2)}, an interval that contains 0, where tanh' peaks)"
                : $"peaks at a net input s = {EffectWording.MeanCi(peakS, F2)} (tanh' peaks at s = 0; the interval excludes it)";
        var effect =
            $"The retrograde signal per unit weight {peakAtBalance}. " +
            $"Without drive it is {EffectWording.MeanCi(controlSignal, Pct)} of its peak; under tonic excitation of 3, {EffectWording.MeanCi(atPlus, Pct)}: {Versus(atPlus)}; " +
            $"under tonic inhibition of 3, {EffectWording.MeanCi(atMinus, Pct)}: {Versus(atMinus)} " +
            $"({neuronsCounted} neurons that receive credit, averaged within each of {seedsCounted} seeds).";
        var figure = PredictionFigures.Save(context, Figure(normalizedPerSeed, inputsPerSeed), "p1-retrograde-vs-balance.svg");
        return new PredictionOutcome(
            "1",
            "Retrograde signal amplitude against a neuron's E-I balance",
            "tonic excitatory or inhibitory drive (0 to 3, in units of net input) onto one hidden neuron, plasticity blocked, one stimulus and target held",
            "the retrograde signal the neuron sends per unit synaptic weight, |c f(s)|, after 500 ms of drive, relative to its largest value over the drives",
            effect,
            rows,
            [figure])
        {
            InTheLab = "In paired recordings (or with a retrograde-messenger sensor at the presynaptic boutons), hold the postsynaptic neuron at graded tonic optogenetic or current drive, from inhibition well below rheobase to excitation far above it, and measure the retrograde signal per unit synaptic strength (e.g. the size of depolarisation-induced suppression divided by the baseline unitary EPSP); this maps to |c f(s)| per unit weight against the net input s, with rheobase near s = 0 and saturation near s = 3.",
        };
    }

    private const string SignalQuantity = "retrograde signal |c f(s)| / its peak, mean over the neurons of a seed";
    private const string InputQuantity = "net input s, mean over the neurons of a seed";

    private static string Condition(double drive) => string.Create(CultureInfo.InvariantCulture, $"tonic drive {drive:+0.0;-0.0;0}");

    private static string F2(double value) => value.ToString("F2", CultureInfo.InvariantCulture);

    private static string Pct(double value) => EffectWording.Percent(value);

    /// <summary>"-85% of the peak against no drive (95% CI ...; d_z = ...)", or "no clear effect against no drive (...)".</summary>
    private static string Versus(PredictionRow row) => EffectWording.Phrase(row, Pct, "no drive, in units of the peak");

    private static Figure Figure(double[][] normalized, double[][] inputs)
    {
        var figure = new Figure(1, 2)
        {
            Width = 1100,
            Height = 460,
            Title = "Prediction 1: the retrograde signal against a neuron's E-I balance",
            Subtitle = "hidden neurons of the layered XOR model, one tonic drive at a time, averaged within a seed; dots: seeds; line: mean over seeds, band: 95% CI",
        };
        var byDrive = new Panel { Title = "against the tonic drive" };
        byDrive.X.Label = "tonic drive (inhibitory < 0 < excitatory)";
        byDrive.Y.Label = "|c f(s)| / its peak";
        byDrive.Add(new MeanWithInterval("over seeds", [.. Drives], [.. normalized], Palette.SeriesColor(0), 2.2));
        byDrive.Add(new ScatterSeries(null, [.. Drives.SelectMany((d, k) => normalized[k].Select(_ => d))], [.. normalized.SelectMany(v => v)], Palette.SeriesColor(0), 2.5));
        var bySum = new Panel { Title = "against the net input it produces" };
        bySum.X.Label = "net input s = E - I + b (mean over a seed's neurons)";
        bySum.Y.Label = "|c f(s)| / its peak";
        bySum.Add(new MeanWithInterval("over seeds, at each drive's mean s", [.. inputs.Select(v => v.Where(double.IsFinite).DefaultIfEmpty(double.NaN).Average())], [.. normalized], Palette.SeriesColor(1), 2.2));
        bySum.Add(new ScatterSeries("seed x drive", [.. inputs.SelectMany(v => v)], [.. normalized.SelectMany(v => v)], Palette.SeriesColor(1), 2.5));
        figure.Add(0, 0, byDrive);
        figure.Add(0, 1, bySum);
        return figure;
    }
}

using NeuroSim.Core.Neurons;
using NeuroSim.Core.Randomness;
using NeuroSim.Models.Microcircuit;

namespace NeuroSim.Analysis.Microcircuit.Continuous.SelfPrediction;

/// <summary>Settings of the self-predicting-state learning run (reference section 6.5, Fig. S1).</summary>
public sealed record SelfPredictionOptions
{
    public int[] Sizes { get; init; } = [30, 20, 10];

    /// <summary>Random input patterns, each held for <see cref="PatternMs"/>.</summary>
    public int Patterns { get; init; } = 1500;

    public double PatternMs { get; init; } = 100;

    /// <summary>The last stretch of each pattern over which the measures are averaged (ms).</summary>
    public double WindowMs { get; init; } = 20;

    public double Sigma { get; init; } = 0.1;

    public NoiseConvention Noise { get; init; } = NoiseConvention.PerStep;

    /// <summary>Initial weights (all classes) uniform in [-scale, scale].</summary>
    public double WeightScale { get; init; } = 1.0;

    public double EtaPyramidalToInterneuron { get; init; } = 2.375e-4;

    public double EtaInterneuronToPyramidal { get; init; } = 5e-4;

    /// <summary>Input rates uniform in [InputLow, InputHigh].</summary>
    public double InputLow { get; init; }

    public double InputHigh { get; init; } = 1.0;

    public ulong Seed { get; init; } = 1;

    public void Validate()
    {
        if (Sizes is null || Sizes.Length < 3 || Sizes.Any(n => n < 1))
        {
            throw new ArgumentException("--sizes: give at least input, hidden and output sizes, each >= 1 (e.g. 30-20-10)");
        }

        if (Patterns < 1)
        {
            throw new ArgumentException($"--patterns must be >= 1, got {Patterns}");
        }

        if (!(PatternMs > 0) || !(WindowMs > 0) || WindowMs > PatternMs)
        {
            throw new ArgumentException($"--pattern-ms ({PatternMs}) must be > 0 and the averaging window ({WindowMs} ms) must lie within it");
        }

        if (!(Sigma >= 0) || !double.IsFinite(Sigma))
        {
            throw new ArgumentException($"--sigma must be >= 0, got {Sigma}");
        }

        if (!(InputHigh >= InputLow))
        {
            throw new ArgumentException($"input range [{InputLow}, {InputHigh}] is empty");
        }
    }
}

/// <summary>The measures of one pattern, averaged over the last window of the pattern.</summary>
/// <param name="Pattern">1-based pattern number.</param>
/// <param name="ApicalSquared">Mean ||v_A||^2 (all hidden layers) over the window.</param>
/// <param name="TrackingSquared">Mean ||u_out - u_I||^2 over the window.</param>
/// <param name="LateralDistance">||W_PI + B|| / ||B|| at the end of the pattern.</param>
public readonly record struct SelfPredictionPoint(int Pattern, double ApicalSquared, double TrackingSquared, double LateralDistance);

public sealed record SelfPredictionResult(SelfPredictionOptions Options, IReadOnlyList<SelfPredictionPoint> Points, double InitialLateralDistance)
{
    public double InitialApical => Points[0].ApicalSquared;

    /// <summary>Mean of the apical measure over the last tenth of the patterns (at least one): the noise floor reached.</summary>
    public double FinalApical => Points.Skip(Points.Count - Math.Max(1, Points.Count / 10)).Average(p => p.ApicalSquared);

    public double FinalTracking => Points.Skip(Points.Count - Math.Max(1, Points.Count / 10)).Average(p => p.TrackingSquared);

    /// <summary>First pattern whose apical measure is below <paramref name="fraction"/> of the first one, or null.</summary>
    public int? FirstBelow(double fraction) => Points.FirstOrDefault(p => p.ApicalSquared < fraction * InitialApical) is { Pattern: > 0 } p ? p.Pattern : null;
}

/// <summary>
/// Learning the self-predicting state from random weights (reference section 3 "Pre-learning the SPS" and
/// sanity target 6.5): random input patterns, no target, only W^IP and W^PI plastic, noise on every soma. The
/// apical potentials should fall from their initial size to a noise floor while the interneurons learn to
/// copy the layer above and cancel its top-down input.
/// </summary>
public static class SelfPredictionExperiment
{
    public static MicrocircuitSpec Spec(SelfPredictionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var layers = options.Sizes.Length - 1;
        return new MicrocircuitSpec
        {
            Sizes = options.Sizes,
            Transfer = new LogisticActivation(),
            Rates = new MicrocircuitRates(
                new double[layers],
                Enumerable.Repeat(options.EtaPyramidalToInterneuron, layers - 1).ToArray(),
                Enumerable.Repeat(options.EtaInterneuronToPyramidal, layers - 1).ToArray(),
                new double[layers - 1]),
            NoiseSigma = options.Sigma,
            Noise = options.Noise,
            Seed = Seeds.Derive(options.Seed, SeedStreams.MicrocircuitNoise),
        };
    }

    public static SelfPredictionResult Run(SelfPredictionOptions options, Action<SelfPredictionPoint>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var model = new MicrocircuitModel(Spec(options));
        model.Weights.Randomize(Seeds.Random(options.Seed, SeedStreams.MicrocircuitWeights), (_, _) => options.WeightScale);
        var initialDistance = CircuitMeasures.LateralDistance(model.Weights);
        var inputs = Seeds.Random(options.Seed, SeedStreams.TrainingInputs);
        var driver = new ContinuousDriver(model);
        var steps = driver.StepsOf(options.PatternMs);
        var window = driver.StepsOf(options.WindowMs);
        var pattern = new double[options.Sizes[0]];
        var points = new List<SelfPredictionPoint>(options.Patterns);
        for (var p = 1; p <= options.Patterns; p++)
        {
            for (var k = 0; k < pattern.Length; k++)
            {
                pattern[k] = inputs.NextUniform(options.InputLow, options.InputHigh);
            }

            model.Present(pattern);
            double apical = 0, tracking = 0;
            for (var s = 0; s < steps; s++)
            {
                driver.Step();
                if (s >= steps - window)
                {
                    model.Observe();
                    apical += CircuitMeasures.ApicalSquared(model);
                    tracking += CircuitMeasures.TrackingSquared(model);
                }
            }

            var point = new SelfPredictionPoint(p, apical / window, tracking / window, CircuitMeasures.LateralDistance(model.Weights));
            points.Add(point);
            progress?.Invoke(point);
        }

        return new SelfPredictionResult(options, points, initialDistance);
    }
}

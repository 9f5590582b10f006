using NeuroSim.Experiments;
using NeuroSim.Plotting.Data;

namespace NeuroSim.Analysis.Microcircuit.Continuous.SelfPrediction;

/// <summary>Settings of the self-predicting-state learning run (reference section 6.5, Fig. S1): what `neurosim microcircuit self-predict` can change in the shipped files.</summary>
public sealed record SelfPredictionOptions : ContinuousOptions
{
    /// <summary>Each pattern is held this long (the protocol's present duration).</summary>
    public const double PatternMs = 100;

    /// <summary>The last stretch of each pattern over which the measures are averaged (ms).</summary>
    public const double WindowMs = 20;

    public int[] Sizes { get; init; } = [30, 20, 10];

    public int Patterns { get; init; } = 1500;

    public override double Sigma { get; init; } = 0.1;
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

    /// <summary>
    /// The per-pattern measures of the run in <paramref name="folder"/>: monitors/errors.csv averaged over the samples in the
    /// last <see cref="SelfPredictionOptions.WindowMs"/> of each pattern, monitors/lateral.csv at each pattern's end.
    /// </summary>
    public static SelfPredictionResult Read(string folder, SelfPredictionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var data = RunData.Open(folder);
        var errors = data.Monitor("errors");
        var time = errors.Numbers("time_ms");
        var apical = errors.Numbers("apical_sq");
        var tracking = errors.Numbers("tracking_sq");
        var lateral = data.Monitor("lateral").Numbers("lateral_distance");
        var points = new List<SelfPredictionPoint>(options.Patterns);
        var k = 0;
        for (var p = 1; p <= options.Patterns; p++)
        {
            var end = p * SelfPredictionOptions.PatternMs;
            double sumApical = 0, sumTracking = 0;
            var count = 0;
            for (; k < time.Length && time[k] <= end + 1e-9; k++)
            {
                if (time[k] > end - SelfPredictionOptions.WindowMs + 1e-9)
                {
                    sumApical += apical[k];
                    sumTracking += tracking[k];
                    count++;
                }
            }

            points.Add(new SelfPredictionPoint(p, sumApical / count, sumTracking / count, lateral[p]));
        }

        return new SelfPredictionResult(options, points, lateral[0]);
    }
}

/// <summary>
/// Learning the self-predicting state from random weights (reference section 3 "Pre-learning the SPS" and sanity
/// target 6.5) as shipped files: models/microcircuit-self-predict.yaml with protocols/microcircuit-self-predict.yaml
/// (random input patterns, no target, only W^IP and W^PI plastic, noise on every soma), and
/// <see cref="SelfPredictionReport"/> on the run's monitors.
/// </summary>
public static class SelfPredictionExperiment
{
    public const string ModelFile = "models/microcircuit-self-predict.yaml";

    public const string ProtocolFile = "protocols/microcircuit-self-predict.yaml";

    /// <summary>The run of the shipped files with <paramref name="options"/> as --set overrides, with the self-prediction report.</summary>
    public static RunRequest Request(SelfPredictionOptions options, ShippedFiles files, string outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.ShippedRun(files, ModelFile, ProtocolFile, outputDirectory) with
        {
            Overrides =
            [
                RunOverrides.List("layers", options.Sizes),
                .. options.NoiseOverrides,
                RunOverrides.Set("protocol.timeline[0].repeat.times", options.Patterns),
            ],
            Report = new SelfPredictionReport(options),
            Command = "neurosim microcircuit self-predict",
        };
    }
}

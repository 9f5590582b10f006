using NeuroSim.Core.Monitoring;
using NeuroSim.Core.Neurons;
using NeuroSim.Core.Randomness;
using NeuroSim.Models.Microcircuit;
using static NeuroSim.Analysis.Microcircuit.Continuous.SelfPrediction.SelfPredictionExperiment;

namespace NeuroSim.Analysis.Microcircuit.Continuous.Association;

/// <summary>Settings of the single-pattern association run (paper Fig. 1, reference sanity target 6.6).</summary>
public sealed record AssociationOptions
{
    public int[] Sizes { get; init; } = [30, 20, 10];

    /// <summary>Input alone, no target: the circuit settles in the self-predicting state.</summary>
    public double SettleMs { get; init; } = 200;

    /// <summary>Target on (output nudged toward u_trgt), plasticity on throughout.</summary>
    public double TargetMs { get; init; } = 15_000;

    /// <summary>Target off again at the end: the output should now reproduce the target from its basal input alone.</summary>
    public double AfterMs { get; init; } = 500;

    public double Sigma { get; init; } = 0.1;

    public NoiseConvention Noise { get; init; } = NoiseConvention.PerStep;

    /// <summary>Initial weights uniform in [-scale, scale], then set to the analytic self-predicting state.</summary>
    public double WeightScale { get; init; } = 1.0;

    /// <summary>Sampling interval of the monitors (ms).</summary>
    public double SampleMs { get; init; } = 1.0;

    /// <summary>Hidden and output neurons whose compartments are traced (the first ones of each layer).</summary>
    public int TracedNeurons { get; init; } = 3;

    public ulong Seed { get; init; } = 1;

    public double TotalMs => SettleMs + TargetMs + AfterMs;

    public void Validate()
    {
        if (Sizes is null || Sizes.Length != 3 || Sizes.Any(n => n < 1))
        {
            throw new ArgumentException("--sizes: the association run uses one hidden layer: input-hidden-output, each >= 1 (e.g. 30-20-10)");
        }

        if (!(SettleMs >= 0) || !(TargetMs > 0) || !(AfterMs >= 0) || !double.IsFinite(TotalMs))
        {
            throw new ArgumentException($"durations must be finite, settle and after >= 0 ms, target > 0 ms; got {SettleMs}, {TargetMs}, {AfterMs}");
        }

        if (!(SampleMs >= ContinuousDriver.DefaultDtMs) || !double.IsFinite(SampleMs))
        {
            throw new ArgumentException($"--sample-ms must be at least the step {ContinuousDriver.DefaultDtMs} ms, got {SampleMs}");
        }

        if (!(Sigma >= 0) || !double.IsFinite(Sigma))
        {
            throw new ArgumentException($"--sigma must be >= 0, got {Sigma}");
        }

        if (TracedNeurons < 0)
        {
            throw new ArgumentException($"--traced must be >= 0, got {TracedNeurons}");
        }
    }
}

/// <summary>Sampled error measures of an association run (one row per sample).</summary>
/// <param name="Options">The settings that produced it.</param>
/// <param name="TimeMs">Sample times.</param>
/// <param name="OutputError">||u_out - u_trgt||^2 (against the target drawn for the run, also before and after it is shown).</param>
/// <param name="Apical">||v_A||^2 of the hidden layer.</param>
/// <param name="Tracking">||u_out - u_I||^2.</param>
public sealed record AssociationResult(AssociationOptions Options, double[] TimeMs, double[] OutputError, double[] Apical, double[] Tracking)
{
    public double OnsetMs => Options.SettleMs;

    public double OffsetMs => Options.SettleMs + Options.TargetMs;

    /// <summary>Mean of <paramref name="series"/> over samples with time in (from, to].</summary>
    public double Mean(double[] series, double fromMs, double toMs)
    {
        ArgumentNullException.ThrowIfNull(series);
        double sum = 0;
        var count = 0;
        for (var k = 0; k < TimeMs.Length; k++)
        {
            if (TimeMs[k] > fromMs && TimeMs[k] <= toMs)
            {
                sum += series[k];
                count++;
            }
        }

        return count == 0 ? double.NaN : sum / count;
    }
}

/// <summary>
/// Paper Fig. 1: a 30-20-10 circuit in the self-predicting state sees one fixed input; a random target
/// u_trgt ~ U(-1, 1) is switched on, which puts an "error" into the apical dendrites (the output moves, the
/// interneurons follow, their cancellation of the top-down input breaks); with the Fig. 1 learning rates
/// W_up learns until the output reaches the target from its basal input alone and the apical potential falls
/// back to its noise floor.
/// </summary>
public static class AssociationExperiment
{
    /// <summary>Variables traced per hidden neuron (group L1): soma, basal prediction, apical, top-down, lateral (interneuron) part.</summary>
    public static readonly string[] HiddenVariables = ["u", "vB", "vA", "td", "lat"];

    /// <summary>Variables traced per output neuron (group L2): soma, basal prediction, target (NaN while off), interneuron partner.</summary>
    public static readonly string[] OutputVariables = ["u", "vB", "tgt", "uI"];

    public static MicrocircuitSpec Spec(AssociationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new MicrocircuitSpec
        {
            Sizes = options.Sizes,
            Transfer = new LogisticActivation(),
            Rates = MicrocircuitRates.SingleAssociation,
            NoiseSigma = options.Sigma,
            Noise = options.Noise,
            Seed = Seeds.Derive(options.Seed, SeedStreams.MicrocircuitNoise),
        };
    }

    /// <summary>Header of the per-neuron trace monitor.</summary>
    public static IReadOnlyList<string> TraceHeader(AssociationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var header = new List<string> { "time_ms" };
        for (var i = 0; i < Math.Min(options.TracedNeurons, options.Sizes[1]); i++)
        {
            header.AddRange(HiddenVariables.Select(v => $"{v}[L1:{i}]"));
        }

        for (var i = 0; i < Math.Min(options.TracedNeurons, options.Sizes[2]); i++)
        {
            header.AddRange(OutputVariables.Select(v => $"{v}[L2:{i}]"));
        }

        return header;
    }

    /// <summary>Runs the protocol; when <paramref name="traces"/> is given, every sample of the traced neurons is written to it.</summary>
    public static AssociationResult Run(AssociationOptions options, CsvTableWriter? traces = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var model = new MicrocircuitModel(Spec(options));
        model.Weights.Randomize(Seeds.Random(options.Seed, SeedStreams.MicrocircuitWeights), (_, _) => options.WeightScale);
        model.Weights.SetSelfPredicting(model.Conductances);
        var draws = Seeds.Random(options.Seed, SeedStreams.TrainingInputs);
        var input = Enumerable.Range(0, options.Sizes[0]).Select(_ => draws.NextUniform(0, 1)).ToArray();
        var target = Enumerable.Range(0, options.Sizes[^1]).Select(_ => draws.NextUniform(-1, 1)).ToArray();

        var driver = new ContinuousDriver(model);
        var every = Math.Max(1, driver.StepsOf(options.SampleMs));
        var onset = driver.StepsOf(options.SettleMs);
        var offset = onset + driver.StepsOf(options.TargetMs);
        var total = offset + driver.StepsOf(options.AfterMs);
        var samples = (total / every) + 1;
        var time = new List<double>(samples);
        var error = new List<double>(samples);
        var apical = new List<double>(samples);
        var tracking = new List<double>(samples);
        var hidden = Math.Min(options.TracedNeurons, options.Sizes[1]);
        var outputs = Math.Min(options.TracedNeurons, options.Sizes[2]);
        var attenuationHidden = model.Conductances.HiddenBasalAttenuation;
        var attenuationOutput = model.Conductances.OutputBasalAttenuation;

        model.Present(input);
        for (var step = 0; step <= total; step++)
        {
            if (step == onset)
            {
                model.Present(input, target);
            }
            else if (step == offset)
            {
                model.Present(input);
            }

            if (step % every == 0)
            {
                model.Observe();
                var t = step * driver.DtMs;
                var output = model.PyramidalPotential(1);
                time.Add(t);
                error.Add(DenseMath.SquaredDistance(output, target));
                apical.Add(CircuitMeasures.ApicalSquared(model));
                tracking.Add(CircuitMeasures.TrackingSquared(model));
                if (traces is not null)
                {
                    traces.Write(t);
                    var a = model.Activity;
                    for (var i = 0; i < hidden; i++)
                    {
                        traces.Write(model.PyramidalPotential(0)[i]).Write(attenuationHidden * a.Basal(0)[i]).Write(a.Apical(0)[i]).Write(a.TopDown(0)[i]).Write(a.Lateral(0)[i]);
                    }

                    for (var i = 0; i < outputs; i++)
                    {
                        traces.Write(output[i]).Write(attenuationOutput * a.Basal(1)[i]).Write(model.Nudging ? target[i] : double.NaN).Write(model.InterneuronPotential(0)[i]);
                    }

                    traces.EndRow();
                }
            }

            if (step < total)
            {
                driver.Step();
            }
        }

        return new AssociationResult(options, [.. time], [.. error], [.. apical], [.. tracking]);
    }
}

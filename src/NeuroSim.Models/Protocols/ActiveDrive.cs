using NeuroSim.Core.Randomness;

namespace NeuroSim.Models.Protocols;

/// <summary>A drive template of the compiled protocol: pool (index into the model's drive pools), neurons, waveform and length in steps (-1: until cleared).</summary>
public sealed record DriveTemplate(int Id, int Pool, int[] Neurons, Waveform Waveform, long DurationSteps, string Label);

/// <summary>
/// A drive that is on: its template, when it started, and the state of its noise (one value per neuron when
/// independent): the deviation from the mean last drawn, and the step it was drawn for.
/// </summary>
public sealed class ActiveDrive(DriveTemplate template, long startStep)
{
    /// <summary><see cref="ValueStep"/> of a drive that has not been evaluated yet.</summary>
    public const long NotEvaluated = -1;

    public DriveTemplate Template { get; } = template;

    public long StartStep { get; } = startStep;

    public long EndStep => Template.DurationSteps < 0 ? long.MaxValue : StartStep + Template.DurationSteps;

    /// <summary>Current deviation from the mean of a noise waveform: one value shared by the driven neurons, or one per neuron.</summary>
    public double[] NoiseStates { get; } = new double[template.Waveform is NoiseWaveform { Independent: true } ? template.Neurons.Length : 1];

    /// <summary>The step whose value <see cref="NoiseStates"/> hold (<see cref="NotEvaluated"/> before the first evaluation).</summary>
    public long ValueStep { get; set; } = NotEvaluated;

    /// <summary>
    /// Called once when the drive starts: an Ornstein-Uhlenbeck drive draws its state from the stationary distribution
    /// (standard deviation <see cref="NoiseWaveform.Std"/>, one draw per process from <paramref name="random"/>), so that
    /// its first value is already stationary; other waveforms draw nothing.
    /// </summary>
    public void Start(SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (Template.Waveform is NoiseWaveform { CorrelationMs: > 0 } noise)
        {
            for (var k = 0; k < NoiseStates.Length; k++)
            {
                NoiseStates[k] = noise.Std * random.NextGaussian();
            }
        }
    }

    /// <summary>
    /// Adds the drive's value for the base step <paramref name="step"/> to its neurons in <paramref name="target"/>. Waveforms
    /// are evaluated at the step's start time. The value is held for <paramref name="holdMs"/> (one base step, or the whole
    /// window of an adiabatic presentation): white noise is drawn afresh, with standard deviation std/sqrt(hold) (std per
    /// sqrt(ms)) or std (per-step); Ornstein-Uhlenbeck noise advances by the exact update over the time since its last value
    /// (its first value is the stationary draw of <see cref="Start"/>). Draws come from <paramref name="random"/>, in the order
    /// of the drive's neurons when each has its own. Evaluated again for the same step, a noise drive keeps its value.
    /// </summary>
    public void AddTo(Span<double> target, long step, double dtMs, double holdMs, SeededRandom random)
    {
        var neurons = Template.Neurons;
        if (Template.Waveform is NoiseWaveform noise)
        {
            ArgumentNullException.ThrowIfNull(random);
            var elapsedMs = ValueStep == NotEvaluated ? (double?)null : (step - ValueStep) * dtMs;
            ValueStep = step;
            if (noise.Independent)
            {
                for (var k = 0; k < neurons.Length; k++)
                {
                    target[neurons[k]] += NextNoise(noise, k, elapsedMs, holdMs, random);
                }

                return;
            }

            var shared = NextNoise(noise, 0, elapsedMs, holdMs, random);
            foreach (var neuron in neurons)
            {
                target[neuron] += shared;
            }

            return;
        }

        var value = ValueAt(step, dtMs);
        foreach (var neuron in neurons)
        {
            target[neuron] += value;
        }
    }

    private double ValueAt(long step, double dtMs)
    {
        var t = (step - StartStep) * dtMs;
        return Template.Waveform switch
        {
            StepWaveform w => w.Amplitude,
            RampWaveform w => t >= w.RiseMs ? w.To : w.From + ((w.To - w.From) * t / w.RiseMs),
            PulseTrainWaveform w => (t % w.PeriodMs) < w.WidthMs ? w.Amplitude : 0.0,
            SineWaveform w => w.Offset + (w.Amplitude * Math.Sin((2 * Math.PI * w.FrequencyHz * t / 1000.0) + (w.PhaseDegrees * Math.PI / 180.0))),
            _ => throw new InvalidOperationException($"unknown waveform {Template.Waveform.GetType().Name}"),
        };
    }

    /// <summary>The next value of noise process <paramref name="k"/>, <paramref name="elapsedMs"/> after its last one (null: its first value).</summary>
    private double NextNoise(NoiseWaveform w, int k, double? elapsedMs, double holdMs, SeededRandom random)
    {
        if (elapsedMs == 0)
        {
            // The same step again (a drive started or cleared after this step's drives were evaluated): same value.
            return w.Mean + NoiseStates[k];
        }

        if (w.CorrelationMs <= 0)
        {
            NoiseStates[k] = w.WhiteStd(holdMs) * random.NextGaussian();
        }
        else if (elapsedMs is { } elapsed)
        {
            var decay = Math.Exp(-elapsed / w.CorrelationMs);
            NoiseStates[k] = (decay * NoiseStates[k]) + (w.Std * Math.Sqrt(1 - (decay * decay)) * random.NextGaussian());
        }

        return w.Mean + NoiseStates[k];
    }
}

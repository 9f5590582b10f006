using NeuroSim.Core.Randomness;

namespace NeuroSim.Models.Protocols;

/// <summary>A drive template of the compiled protocol: pool (index into the model's drive pools), neurons, waveform and length in steps (-1: until cleared).</summary>
public sealed record DriveTemplate(int Id, int Pool, int[] Neurons, Waveform Waveform, long DurationSteps, string Label);

/// <summary>A drive that is on: its template, when it started, and the state of its Ornstein-Uhlenbeck noise (one per neuron when independent).</summary>
public sealed class ActiveDrive(DriveTemplate template, long startStep)
{
    public DriveTemplate Template { get; } = template;

    public long StartStep { get; } = startStep;

    public long EndStep => Template.DurationSteps < 0 ? long.MaxValue : StartStep + Template.DurationSteps;

    /// <summary>Current deviation from the mean of a noise waveform: one value shared by the driven neurons, or one per neuron.</summary>
    public double[] NoiseStates { get; } = new double[template.Waveform is NoiseWaveform { Independent: true } ? template.Neurons.Length : 1];

    /// <summary>
    /// Adds the drive's value for the base step <paramref name="step"/> to its neurons in <paramref name="target"/>: waveforms
    /// are evaluated at the step's start time, noise advances once per step (exact Ornstein-Uhlenbeck update) from
    /// <paramref name="random"/>, in the order of the drive's neurons when each has its own.
    /// </summary>
    public void AddTo(Span<double> target, long step, double dtMs, SeededRandom random)
    {
        var neurons = Template.Neurons;
        if (Template.Waveform is NoiseWaveform { Independent: true } noise)
        {
            for (var k = 0; k < neurons.Length; k++)
            {
                target[neurons[k]] += NextNoise(noise, k, dtMs, random);
            }

            return;
        }

        var value = ValueAt(step, dtMs, random);
        foreach (var neuron in neurons)
        {
            target[neuron] += value;
        }
    }

    private double ValueAt(long step, double dtMs, SeededRandom random)
    {
        var t = (step - StartStep) * dtMs;
        return Template.Waveform switch
        {
            StepWaveform w => w.Amplitude,
            RampWaveform w => t >= w.RiseMs ? w.To : w.From + ((w.To - w.From) * t / w.RiseMs),
            PulseTrainWaveform w => (t % w.PeriodMs) < w.WidthMs ? w.Amplitude : 0.0,
            SineWaveform w => w.Offset + (w.Amplitude * Math.Sin((2 * Math.PI * w.FrequencyHz * t / 1000.0) + (w.PhaseDegrees * Math.PI / 180.0))),
            NoiseWaveform w => NextNoise(w, 0, dtMs, random),
            _ => throw new InvalidOperationException($"unknown waveform {Template.Waveform.GetType().Name}"),
        };
    }

    private double NextNoise(NoiseWaveform w, int k, double dtMs, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (w.CorrelationMs <= 0)
        {
            NoiseStates[k] = w.Std * random.NextGaussian();
        }
        else
        {
            var decay = Math.Exp(-dtMs / w.CorrelationMs);
            NoiseStates[k] = (decay * NoiseStates[k]) + (w.Std * Math.Sqrt(1 - (decay * decay)) * random.NextGaussian());
        }

        return w.Mean + NoiseStates[k];
    }
}

using NeuroSim.Core.Randomness;

namespace NeuroSim.Models.Protocols;

/// <summary>A drive template of the compiled protocol: pool (index into the model's drive pools), neurons, waveform and length in steps (-1: until cleared).</summary>
public sealed record DriveTemplate(int Id, int Pool, int[] Neurons, Waveform Waveform, long DurationSteps, string Label);

/// <summary>A drive that is on: its template, when it started, and the noise state of an Ornstein-Uhlenbeck waveform.</summary>
public sealed class ActiveDrive(DriveTemplate template, long startStep)
{
    public DriveTemplate Template { get; } = template;

    public long StartStep { get; } = startStep;

    public long EndStep => Template.DurationSteps < 0 ? long.MaxValue : StartStep + Template.DurationSteps;

    /// <summary>Current value of a noise waveform (its deviation from the mean).</summary>
    public double NoiseState { get; set; }

    /// <summary>
    /// The drive value for the base step <paramref name="step"/>: waveforms are evaluated at the step's start time,
    /// noise advances once per step (exact Ornstein-Uhlenbeck update) from <paramref name="random"/>.
    /// </summary>
    public double ValueAt(long step, double dtMs, SeededRandom random)
    {
        var t = (step - StartStep) * dtMs;
        switch (Template.Waveform)
        {
            case StepWaveform w:
                return w.Amplitude;
            case RampWaveform w:
                return t >= w.RiseMs ? w.To : w.From + ((w.To - w.From) * t / w.RiseMs);
            case PulseTrainWaveform w:
                return (t % w.PeriodMs) < w.WidthMs ? w.Amplitude : 0.0;
            case SineWaveform w:
                return w.Offset + (w.Amplitude * Math.Sin((2 * Math.PI * w.FrequencyHz * t / 1000.0) + (w.PhaseDegrees * Math.PI / 180.0)));
            case NoiseWaveform w:
                ArgumentNullException.ThrowIfNull(random);
                if (w.CorrelationMs <= 0)
                {
                    NoiseState = w.Std * random.NextGaussian();
                }
                else
                {
                    var decay = Math.Exp(-dtMs / w.CorrelationMs);
                    NoiseState = (decay * NoiseState) + (w.Std * Math.Sqrt(1 - (decay * decay)) * random.NextGaussian());
                }

                return w.Mean + NoiseState;
            default:
                throw new InvalidOperationException($"unknown waveform {Template.Waveform.GetType().Name}");
        }
    }
}

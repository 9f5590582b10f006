namespace NeuroSim.Models.Protocols;

/// <summary>
/// The time course of an external drive, as a function of the time since the drive started (ms).
/// Drives are held constant within a base step (they are inputs, sampled at the start of each step).
/// </summary>
public abstract record Waveform
{
    /// <summary>Names accepted in protocol files.</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["step", "ramp", "pulses", "sine", "noise"];
}

/// <summary>A constant amplitude (tonic excitation or inhibition).</summary>
public sealed record StepWaveform(double Amplitude) : Waveform;

/// <summary>Linear from <paramref name="From"/> to <paramref name="To"/> over <paramref name="RiseMs"/>, then held at To.</summary>
public sealed record RampWaveform(double From, double To, double RiseMs) : Waveform;

/// <summary>Rectangular pulses of the amplitude, <paramref name="WidthMs"/> long, every <paramref name="PeriodMs"/>, the first at onset.</summary>
public sealed record PulseTrainWaveform(double Amplitude, double PeriodMs, double WidthMs) : Waveform;

/// <summary>Offset + amplitude * sin(2 pi f t + phase).</summary>
public sealed record SineWaveform(double Amplitude, double FrequencyHz, double Offset, double PhaseDegrees) : Waveform;

/// <summary>
/// Gaussian noise of the given mean. With a correlation time <paramref name="CorrelationMs"/> &gt; 0 it is an
/// Ornstein-Uhlenbeck process whose stationary standard deviation is <paramref name="Std"/> (exact update per step,
/// started from a stationary draw). With correlation 0 it is white noise held over each step: by default
/// <paramref name="Std"/> is its intensity per sqrt(ms) (the sigma of sigma xi(t), as Brian2's xi), so the value held
/// over a step of h ms has standard deviation Std/sqrt(h) and the noise a leaky integrator accumulates does not depend
/// on the step; with <see cref="PerStep"/> the value of every step has standard deviation Std whatever the step.
/// </summary>
public sealed record NoiseWaveform(double Mean, double Std, double CorrelationMs) : Waveform
{
    /// <summary>Names of the white-noise conventions in protocol files: the default first.</summary>
    public static IReadOnlyList<string> Conventions { get; } = ["euler-maruyama", "per-step"];

    /// <summary>One noise process per driven neuron (independent draws) instead of one value shared by all of them.</summary>
    public bool Independent { get; init; }

    /// <summary>White noise only: <see cref="Std"/> is the standard deviation of each step's value, not an intensity per sqrt(ms) (no continuous-time limit).</summary>
    public bool PerStep { get; init; }

    /// <summary>The standard deviation of a white-noise value held for <paramref name="holdMs"/>: Std/sqrt(hold / 1 ms), or Std per step.</summary>
    public double WhiteStd(double holdMs) => PerStep ? Std : Std / Math.Sqrt(holdMs);
}

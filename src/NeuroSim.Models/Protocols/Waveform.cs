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
/// Gaussian noise of the given mean and standard deviation: an Ornstein-Uhlenbeck process with correlation
/// time <paramref name="CorrelationMs"/> (exact update per step), or independent per step when it is 0.
/// </summary>
public sealed record NoiseWaveform(double Mean, double Std, double CorrelationMs) : Waveform
{
    /// <summary>One noise process per driven neuron (independent draws) instead of one value shared by all of them.</summary>
    public bool Independent { get; init; }
}

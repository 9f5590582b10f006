using NeuroSim.Experiments;

namespace NeuroSim.Analysis.Microcircuit.Continuous.Association;

/// <summary>Settings of the single-pattern association run (paper Fig. 1, reference sanity target 6.6): what `neurosim microcircuit association` can change in the shipped files.</summary>
public sealed record AssociationOptions : ContinuousOptions
{
    /// <summary>Input alone, no target: the circuit settles in the self-predicting state.</summary>
    public double SettleMs { get; init; } = 200;

    /// <summary>Target on (output nudged toward u_trgt), plasticity on throughout.</summary>
    public double TargetMs { get; init; } = 15_000;

    /// <summary>Target off again at the end: the output should now reproduce the target from its basal input alone.</summary>
    public double AfterMs { get; init; } = 500;

    public override double Sigma { get; init; } = 0.1;

    /// <summary>Sampling interval of the monitors (ms).</summary>
    public double SampleMs { get; init; } = 1.0;

    /// <summary>Hidden and output neurons whose compartments are traced (the first ones of each layer).</summary>
    public int TracedNeurons { get; init; } = 3;

    public double OnsetMs => SettleMs;

    public double OffsetMs => SettleMs + TargetMs;

    public double TotalMs => SettleMs + TargetMs + AfterMs;
}

/// <summary>
/// Paper Fig. 1 as shipped files: models/microcircuit-association.yaml (a 30-20-10 circuit in the self-predicting
/// state) with protocols/microcircuit-association.yaml (one input; a random target switched on puts an error into the
/// apical dendrites, which W_up learning explains away), and <see cref="AssociationReport"/> on the run's monitors.
/// </summary>
public static class AssociationExperiment
{
    public const string ModelFile = "models/microcircuit-association.yaml";

    public const string ProtocolFile = "protocols/microcircuit-association.yaml";

    /// <summary>The run of the shipped files with <paramref name="options"/> as --set overrides, with the association report.</summary>
    public static RunRequest Request(AssociationOptions options, ShippedFiles files, string outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(options);
        var traced = options.TracedNeurons > 0 ? $"[L1:0-{options.TracedNeurons - 1}, L2:0-{options.TracedNeurons - 1}]" : "[]";
        return options.ShippedRun(files, ModelFile, ProtocolFile, outputDirectory) with
        {
            Overrides =
            [
                .. options.NoiseOverrides,
                RunOverrides.Duration("protocol.timeline[1].run", options.SettleMs),
                RunOverrides.Duration("protocol.timeline[3].run", options.TargetMs),
                RunOverrides.Duration("protocol.timeline[5].run", options.AfterMs),
                RunOverrides.Duration("protocol.monitors[0].every", options.SampleMs),
                RunOverrides.Set("protocol.monitors[0].neurons", traced),
                RunOverrides.Duration("protocol.monitors[1].every", options.SampleMs),
            ],
            Report = new AssociationReport(options),
            Command = "neurosim microcircuit association",
        };
    }
}

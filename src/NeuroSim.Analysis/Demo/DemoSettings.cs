namespace NeuroSim.Analysis.Demo;

/// <summary>Settings of the XOR demo; the defaults finish in well under a minute on two cores.</summary>
public sealed record DemoSettings
{
    public string OutputDirectory { get; init; } = Path.Combine("runs", "demo");

    public int Epochs { get; init; } = 300;

    public ulong Seed { get; init; } = 1;

    /// <summary>BP step size lambda = eta T / tau_w, the same for every learner.</summary>
    public double StepSize { get; init; } = 0.2;

    /// <summary>Firing time constant tau_x in ms; the others follow from each epsilon.</summary>
    public double FiringMs { get; init; } = 10.0;

    /// <summary>Timescale separations eps = tau_x/tau_c = tau_c/tau_w of the continuous-time runs.</summary>
    public IReadOnlyList<double> Epsilons { get; init; } = [0.1, 0.05];

    /// <summary>Base step of the multirate runs (the firing step), ms.</summary>
    public double DtMs { get; init; } = 1.0;

    /// <summary>Sampling period of the E-I traces, ms.</summary>
    public double TraceSampleMs { get; init; } = 10.0;
}

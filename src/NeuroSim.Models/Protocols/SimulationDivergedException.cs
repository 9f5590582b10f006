namespace NeuroSim.Models.Protocols;

/// <summary>A state value became NaN or infinite during a run.</summary>
public sealed class SimulationDivergedException : Exception
{
    public SimulationDivergedException(string process, string variable, double timeMs, double suggestedDtMs)
        : this(process, variable, timeMs, $"try dt <= {suggestedDtMs:G3} ms or a smaller learning rate or weight gain")
    {
    }

    /// <summary>A divergence with the advice that is true for it (a smaller step cannot cure dynamics that diverge).</summary>
    public SimulationDivergedException(string process, string variable, double timeMs, string advice)
        : base($"the simulation diverged at t = {timeMs:G6} ms: {variable} (process '{process}') is not finite; {advice}")
    {
        Process = process;
        Variable = variable;
        TimeMs = timeMs;
    }

    public SimulationDivergedException()
    {
        Process = Variable = string.Empty;
    }

    public SimulationDivergedException(string message)
        : base(message)
    {
        Process = Variable = string.Empty;
    }

    public SimulationDivergedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Process = Variable = string.Empty;
    }

    public string Process { get; }

    public string Variable { get; }

    public double TimeMs { get; }
}

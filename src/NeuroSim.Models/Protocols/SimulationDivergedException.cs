namespace NeuroSim.Models.Protocols;

/// <summary>A state value became NaN or infinite during a run.</summary>
public sealed class SimulationDivergedException : Exception
{
    public SimulationDivergedException(string process, string variable, double timeMs, double suggestedDtMs)
        : base($"the simulation diverged at t = {timeMs:G6} ms: {variable} (process '{process}') is not finite; try dt <= {suggestedDtMs:G3} ms or a smaller learning rate or weight gain")
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

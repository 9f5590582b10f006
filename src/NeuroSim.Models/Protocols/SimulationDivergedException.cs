namespace NeuroSim.Models.Protocols;

/// <summary>A state value became NaN or infinite during a run, with the advice that is true for it (a smaller step cannot cure dynamics that diverge).</summary>
public sealed class SimulationDivergedException(string process, string variable, double timeMs, string advice)
    : Exception($"the simulation diverged at t = {timeMs:G6} ms: {variable} (process '{process}') is not finite; {advice}")
{
    public SimulationDivergedException(string process, string variable, double timeMs, double suggestedDtMs)
        : this(process, variable, timeMs, $"try dt <= {suggestedDtMs:G3} ms or a smaller learning rate or weight gain")
    {
    }

    public string Process { get; } = process;

    public string Variable { get; } = variable;

    public double TimeMs { get; } = timeMs;
}

namespace NeuroSim.Experiments;

/// <summary>
/// Derived results an experiment computes from a finished run's own files (monitors, weights) and writes into its
/// folder before the folder is committed, so the report is as crash-safe as the run: a shipped experiment is a
/// model file, a protocol file and a report.
/// </summary>
public interface IRunReport
{
    /// <summary>Reads the complete run in <paramref name="folder"/> (still under its working name; <paramref name="runName"/> is its final one) and writes the report's files there.</summary>
    RunReportOutput Write(string folder, string runName);
}

/// <summary>What a report adds to the run's manifest: numbers (results) and the files it wrote (name -> what it holds).</summary>
public sealed record RunReportOutput(IReadOnlyDictionary<string, object> Results, IReadOnlyDictionary<string, string> Files);

using NeuroSim.Core.RunFolders;
using NeuroSim.Experiments;
using NeuroSim.Models.Protocols;

namespace NeuroSim.Analysis.Predictions;

/// <summary>
/// Runs a protocol template of protocols/predictions/ (placeholders like __AMPLITUDE__ replaced) with its
/// model through the ordinary `neurosim run` machinery, and reads the monitors back.
/// </summary>
internal static class TemplateRuns
{
    public static string Run(string template, IReadOnlyDictionary<string, string> values, string outDir, ulong seed, IReadOnlyList<KeyValuePair<string, string>>? overrides = null)
    {
        var model = ProtocolFile.IntendedModel(template) ?? throw new ArgumentException($"{template}: a prediction template must name its model ('model:')");
        var text = File.ReadAllText(template);
        foreach (var (key, value) in values)
        {
            text = text.Replace($"__{key}__", value, StringComparison.Ordinal);
        }

        Directory.CreateDirectory(outDir);
        var instance = Path.Combine(outDir, "protocol.yaml");
        File.WriteAllText(instance, text);
        var runDir = Path.Combine(outDir, "run");
        var request = new RunRequest(model, instance, runDir) { Seed = seed, Overrides = overrides ?? [], CheckpointEverySeconds = 0 };
        var outcome = ExperimentRunner.Execute(ExperimentRunner.Prepare(request));
        return outcome.Status.StartsWith("complete", StringComparison.Ordinal)
            ? runDir
            : throw new InvalidOperationException($"{template} with {string.Join(", ", values.Select(v => $"{v.Key}={v.Value}"))}: {outcome.Error ?? outcome.Status}");
    }

    /// <summary>A monitor as columns by name: header -> values per row.</summary>
    public static Dictionary<string, double[]> Monitor(string runDir, string name)
    {
        var table = RunData.Open(runDir).Monitor(name);
        return table.Header.ToDictionary(column => column, table.Numbers, StringComparer.Ordinal);
    }

    public static (double Mean, double Sd) MeanSd(IReadOnlyCollection<double> values)
    {
        var mean = values.Average();
        var sd = values.Count > 1 ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1)) : 0.0;
        return (mean, sd);
    }
}

/// <summary>Quantities read off monitors by several predictions.</summary>
internal static class MonitorMeasures
{
    /// <summary>sum |w(last) - w(first)| over the W columns of a projection ("in->hidden").</summary>
    public static double WeightChange(Dictionary<string, double[]> monitor, string projection, int firstRow = 0, int lastRow = -1) =>
        monitor.Where(p => p.Key.StartsWith($"W[{projection}:", StringComparison.Ordinal))
            .Sum(p => Math.Abs(p.Value[lastRow < 0 ? p.Value.Length + lastRow : lastRow] - p.Value[firstRow]));

    /// <summary>Mean over the neurons of a group of |c f(s)| in the last row.</summary>
    public static double CreditShare(Dictionary<string, double[]> monitor, string group)
    {
        var values = monitor.Keys.Where(k => k.StartsWith($"c[{group}:", StringComparison.Ordinal))
            .Select(k => Math.Abs(monitor[k][^1] * monitor["f" + k[1..]][^1])).ToArray();
        return values.Average();
    }
}

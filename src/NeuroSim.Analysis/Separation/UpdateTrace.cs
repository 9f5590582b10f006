using NeuroSim.Core.RunFolders;
using NeuroSim.Core.Scheduling;
using NeuroSim.Models.BalanceCredit;

namespace NeuroSim.Analysis.Separation;

/// <summary>
/// One cold-start presentation recorded as a small run folder (monitors of x, c and W, and the presentation
/// in epochs.csv), so that the `updates` figure can show its update events.
/// </summary>
public static class UpdateTrace
{
    /// <summary>Samples per presentation: fine enough for the fastest process at the poorest separation.</summary>
    public const int Samples = 800;

    /// <summary>Writes the folder; times in ms for tau_x = <paramref name="tauXMs"/>.</summary>
    public static void Write(string folder, ProbeNetwork network, double epsilon, double[] input, double[] target, double tauXMs)
    {
        ArgumentNullException.ThrowIfNull(network);
        var point = new SeparationPoint(epsilon, epsilon, StartMode.Cold);
        var (tauC, window, _) = point.TimeConstants();
        var model = network.Build(new Timescales(1.0, tauC, window));
        var steps = (long)Math.Ceiling((window * PresentationProbe.StepsPerTauX) - 1e-9);
        var dt = window / steps;
        var scheduler = new Scheduler(model, Schedules.SeparationProbe(dt, tauC, null));
        model.Present(input, target);
        Directory.CreateDirectory(Path.Combine(folder, "monitors"));
        var every = Math.Max(1, steps / Samples);
        using (var activity = new CsvTableWriter(Path.Combine(folder, "monitors", "activity.csv"), ActivityColumns(model)))
        using (var weights = new CsvTableWriter(Path.Combine(folder, "monitors", "weights.csv"), WeightColumns(model)))
        {
            for (long step = 0; step <= steps; step++)
            {
                if (step % every == 0 || step == steps)
                {
                    activity.Write(step * dt * tauXMs).Write(model.Rates).Write(model.Credit).EndRow();
                    weights.Write(step * dt * tauXMs).Write(model.Weights).EndRow();
                }

                if (step < steps)
                {
                    scheduler.Advance(1);
                }
            }
        }

        using var epochs = new CsvTableWriter(Path.Combine(folder, "epochs.csv"), ["start_ms", "end_ms", "kind", "label"]);
        epochs.Write(0.0).Write(window * tauXMs).Write("present").Write($"eps = {epsilon:G3}: tau_c = {tauC * tauXMs:G3} ms, T = tau_w = {window * tauXMs:G4} ms").EndRow();
    }

    private static List<string> ActivityColumns(BalanceCreditModel model)
    {
        var columns = new List<string> { "time_ms" };
        foreach (var variable in new[] { "x", "c" })
        {
            foreach (var g in model.Network.Groups)
            {
                columns.AddRange(Enumerable.Range(0, g.Size).Select(i => ColumnNames.Neuron(variable, g, i)));
            }
        }

        return columns;
    }

    private static List<string> WeightColumns(BalanceCreditModel model)
    {
        var columns = new List<string> { "time_ms" };
        foreach (var p in model.Network.Projections)
        {
            for (var i = 0; i < p.Post.Size; i++)
            {
                columns.AddRange(Enumerable.Range(0, p.Pre.Size).Select(j => ColumnNames.Synapse("W", p, i, j)));
            }
        }

        return columns;
    }
}

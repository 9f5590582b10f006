using System.Diagnostics;
using NeuroSim.Core.Scheduling;
using NeuroSim.Models.BalanceCredit;
using NeuroSim.Models.Protocols;
using NeuroSim.Plotting.Data;
using NeuroSim.Plotting.Recipes;
using NeuroSim.Plotting.Rendering;

namespace NeuroSim.Analysis.Demo;

/// <summary>
/// The main demo: a 2-8-1 tanh network learns XOR with plain BP, with the balance-credit rule in adiabatic
/// mode (the paper's discrete algorithm) and with the rule in multirate continuous time at two timescale
/// separations, all from the same initial weights and in the same example order.
/// </summary>
public sealed class XorDemo(DemoSettings settings)
{
    private static readonly int[] Sizes = [2, 8, 1];

    public DemoSettings Settings { get; } = settings;

    /// <summary>Learner names in column order.</summary>
    public IReadOnlyList<string> LearnerNames =>
        ["bp", "adiabatic", .. Settings.Epsilons.Select(e => $"multirate_eps{e.ToString(System.Globalization.CultureInfo.InvariantCulture)}")];

    /// <summary>Runs the demo into <paramref name="folder"/> and commits it; <paramref name="onEpoch"/> receives the epoch and the mean loss of every learner.</summary>
    public DemoResult Run(RunFolder folder, Action<int, double[]>? onEpoch = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var watch = Stopwatch.StartNew();
        var started = DateTimeOffset.UtcNow;
        var data = Datasets.Xor();
        var bp = new BackpropTrainer(BackpropMirror.Of(NewModel(Timescales.Separated(Settings.FiringMs, 0.1))), Settings.StepSize, learnBiases: true);
        var learners = new List<BalanceCreditLearner> { NewLearner(0.1, adiabatic: true) };
        learners.AddRange(Settings.Epsilons.Select(eps => NewLearner(eps, adiabatic: false)));
        var traced = learners[^1];

        Directory.CreateDirectory(folder.PathOf("monitors"));
        var losses = new List<double[]>();
        using (var lossCsv = new CsvTableWriter(folder.PathOf("loss.csv"), ["epoch", .. LearnerNames]))
        using (var traces = OpenMonitor(folder.PathOf(Path.Combine("monitors", "traces.csv")), "traces", ["E", "I", "s", "f", "x", "c"], traced.Model))
        using (var weights = OpenMonitor(folder.PathOf(Path.Combine("monitors", "weights.csv")), "weights", ["W", "b"], traced.Model))
        using (var epochs = new CsvTableWriter(folder.PathOf("epochs.csv"), ["start_ms", "end_ms", "kind", "label"]))
        {
            var row = Evaluate(bp, learners, data);
            losses.Add(row);
            lossCsv.Write(0L).Write(row).EndRow();
            onEpoch?.Invoke(0, row);
            weights.Record(traced.Scheduler.Clock.TimeMs);
            var sampleSteps = traced.Scheduler.Clock.StepsIn(Settings.TraceSampleMs);
            for (var epoch = 1; epoch <= Settings.Epochs; epoch++)
            {
                bp.TrainEpoch(data);
                foreach (var learner in learners.Take(learners.Count - 1))
                {
                    learner.TrainEpoch(data);
                }

                var record = epoch == 1 || epoch == Settings.Epochs;
                for (var k = 0; k < data.Count; k++)
                {
                    var start = traced.Scheduler.Clock.TimeMs;
                    traced.Present(
                        data.Inputs[k],
                        data.Targets[k],
                        record ? step => RecordTraces(traces, traced.Model, traced.Scheduler.Clock.TimeOf(step)) : null,
                        sampleSteps);
                    epochs.Write(start).Write(traced.Scheduler.Clock.TimeMs).Write("present")
                        .Write($"x=[{Format(data.Inputs[k])}] y=[{Format(data.Targets[k])}]").EndRow();
                    weights.Record(traced.Scheduler.Clock.TimeMs);
                }

                row = Evaluate(bp, learners, data);
                losses.Add(row);
                lossCsv.Write(epoch).Write(row).EndRow();
                onEpoch?.Invoke(epoch, row);
            }
        }

        WeightFiles.Write(folder.WorkingPath, traced.Model.Network, traced.Model.Weights, traced.Model.Biases);
        var final = losses[^1];
        var manifest = RunManifest.Complete("neurosim demo", Settings.Seed, started, watch.Elapsed.TotalSeconds) with
        {
            Settings = new Dictionary<string, object>
            {
                ["task"] = "xor (inputs +-1, targets +-0.8)",
                ["network"] = "2-8-1 layered, tanh, f = sigma', biases learned",
                ["epochs"] = Settings.Epochs,
                ["step_size_lambda"] = Settings.StepSize,
                ["tau_firing_ms"] = Settings.FiringMs,
                ["epsilons"] = Settings.Epsilons,
                ["presentation_window"] = "T = tau_w (eta = lambda)",
                ["multirate_clocks"] = "firing rk4 every dt; credit exp-euler every 0.1 tau_c; plasticity euler every 0.01 tau_w",
                ["dt_ms"] = Settings.DtMs,
                ["trace_sample_ms"] = Settings.TraceSampleMs,
            },
            Results = LearnerNames.Select((name, k) => (name, k)).ToDictionary(p => $"final_mean_loss_{p.name}", p => (object)final[p.k]),
            Files = new Dictionary<string, string>
            {
                ["loss.csv"] = "mean loss 1/2 (y - x)^2 per epoch and learner, at the firing fixed point",
                ["epochs.csv"] = $"every presentation (input and target on) of learner {LearnerNames[^1]}",
                ["monitors/traces.csv"] = $"E, I, s, f(s), x, c per neuron every {Settings.TraceSampleMs} ms of the first and last epoch, learner {LearnerNames[^1]}",
                ["monitors/weights.csv"] = $"weights and biases after every presentation, learner {LearnerNames[^1]}",
                ["weights/"] = $"final weights per projection (and biases.csv), learner {LearnerNames[^1]}",
                ["plots/"] = "figures: E-I balance (first and last epoch), learning curves, weights, update events (PNG and SVG)",
            },
        };
        manifest.Save(folder.PathOf("manifest.json"));
        folder.Commit();

        // Drawn from the committed folder, so that figures carry its final name; each file is written atomically.
        WriteFigures(folder.FinalPath);
        return new DemoResult(LearnerNames, losses, folder.FinalPath, watch.Elapsed);
    }

    /// <summary>The demo's figures, from its own run folder, into plots/ (PNG and SVG).</summary>
    private static void WriteFigures(string runFolder)
    {
        var run = RunData.Open(runFolder);
        foreach (var (kind, options, name) in new[]
        {
            ("ei-balance", new PlotOptions(), "ei-balance-first-epoch"),
            ("ei-balance", new PlotOptions { Segment = -1 }, "ei-balance-last-epoch"),
            ("learning", new PlotOptions(), "learning"),
            ("weights", new PlotOptions(), "weights"),
            ("updates", new PlotOptions(), "updates"),
        })
        {
            var path = Path.Combine(runFolder, "plots", name + ".svg");
            FigureFile.Write(FigureRecipes.Build(FigureRecipes.Find(kind), [run], options), path);
        }
    }

    /// <summary>
    /// A run-path monitor (<see cref="MonitorRecorder"/>) of every neuron or synapse, sampled when the demo asks
    /// rather than on a period.
    /// </summary>
    private static MonitorRecorder OpenMonitor(string path, string name, IReadOnlyList<string> variables, BalanceCreditModel model)
    {
        var monitor = MonitorRecorder.Plan(new MonitorSpec(name, variables, ["all"], [], 1), model, periodSteps: 1);
        monitor.Open(path);
        return monitor;
    }

    private static void RecordTraces(MonitorRecorder traces, BalanceCreditModel model, double timeMs)
    {
        model.UpdateObservables();
        traces.Record(timeMs);
    }

    private static string Format(double[] values) => string.Join(" ", values.Select(v => v.ToString("G4", System.Globalization.CultureInfo.InvariantCulture)));

    private static double[] Evaluate(BackpropTrainer bp, List<BalanceCreditLearner> learners, Dataset data) =>
        [bp.MeanLoss(data), .. learners.Select(l => l.MeanLoss(data))];

    private BalanceCreditModel NewModel(Timescales timescales) =>
        new(BalanceCreditSpec.Layered(Sizes, timescales, "tanh", weightGain: 1.0) with
        {
            LearningRate = Settings.StepSize,
            LearnBiases = true,
            Seed = Settings.Seed,
        });

    private BalanceCreditLearner NewLearner(double epsilon, bool adiabatic)
    {
        var timescales = Timescales.Separated(Settings.FiringMs, epsilon);
        var model = NewModel(timescales);
        var window = timescales.PlasticityMs;
        var dt = Settings.DtMs;
        var options = adiabatic
            ? new SchedulerOptions { Mode = SchedulerMode.Adiabatic, DtMs = dt }
            : Schedules.Multirate(timescales, dt);
        return new BalanceCreditLearner(model, options, window);
    }
}

/// <summary>Mean loss per epoch (row) and learner (column), where the files went, and how long it took.</summary>
public sealed record DemoResult(IReadOnlyList<string> Learners, IReadOnlyList<double[]> Losses, string OutputDirectory, TimeSpan Elapsed);

using NeuroSim.Core.Connectivity;
using NeuroSim.Core.Scheduling;
using NeuroSim.Models.BalanceCredit;

namespace NeuroSim.Analysis.Benchmarking;

/// <summary>
/// Writes the bench network of size N (<see cref="BenchModels.LayeredModel"/>) as the peer simulators in
/// bench/peers read it: its parameters, its initial state, and its state after a number of fused Euler steps,
/// so that a peer started from the first can be compared with the second. Layout (bench/peers/README.md):
/// <code>
///   parameters.csv                 neurons,activation,dt_ms,tau_firing_ms,tau_credit_ms,tau_plasticity_ms,learning_rate,steps
///   initial/ and final/            weights/&lt;pre&gt;-&lt;post&gt;.csv and biases.csv (the run-folder format), and
///                                  neurons.csv: group,index,rate,credit,input,target (NaN where no clamp or target)
/// </code>
/// </summary>
public static class BenchStateExport
{
    public const string InitialFolder = "initial";

    public const string FinalFolder = "final";

    /// <summary>Writes <paramref name="folder"/> for the bench network of <paramref name="n"/> neurons and <paramref name="steps"/> steps.</summary>
    public static void Write(string folder, int n, long steps)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        BenchSettings.ValidateSizes([n]);
        var model = BenchModels.LayeredModel(n);
        var options = BenchModels.FullStepOptions(fused: true, singlePrecision: false);
        var scheduler = new Scheduler(model, options);
        Directory.CreateDirectory(folder);
        WriteParameters(Path.Combine(folder, "parameters.csv"), model, options, steps);

        var (inputRates, targetRates) = BenchModels.Stimulus(n);
        var input = PerNeuron(model, model.InputGroups[0], inputRates);
        var target = PerNeuron(model, model.OutputGroups[0], targetRates);
        WriteSnapshot(Path.Combine(folder, InitialFolder), model, input, target);
        scheduler.Advance(steps);
        WriteSnapshot(Path.Combine(folder, FinalFolder), model, input, target);
    }

    private static void WriteParameters(string path, BalanceCreditModel model, SchedulerOptions options, long steps)
    {
        using var csv = new CsvTableWriter(path, ["neurons", "activation", "dt_ms", "tau_firing_ms", "tau_credit_ms", "tau_plasticity_ms", "learning_rate", "steps"]);
        csv.Write(model.Network.NeuronCount).Write(model.Activation.Name).Write(options.DtMs)
            .Write(model.Timescales.FiringMs).Write(model.Timescales.CreditMs).Write(model.Timescales.PlasticityMs)
            .Write(model.LearningRate).Write(steps).EndRow();
    }

    private static void WriteSnapshot(string folder, BalanceCreditModel model, double[] input, double[] target)
    {
        WeightFiles.Write(folder, model.Network, model.Weights, model.Biases);
        var x = model.Rates;
        var c = model.Credit;
        using var csv = new CsvTableWriter(Path.Combine(folder, "neurons.csv"), ["group", "index", "rate", "credit", "input", "target"]);
        foreach (var g in model.Network.Groups)
        {
            for (var i = 0; i < g.Size; i++)
            {
                var k = g.Offset + i;
                csv.Write(g.Name).Write(i).Write(x[k]).Write(c[k]).Write(input[k]).Write(target[k]).EndRow();
            }
        }
    }

    /// <summary>Per neuron of the network, <paramref name="values"/> on <paramref name="group"/> and NaN elsewhere.</summary>
    private static double[] PerNeuron(BalanceCreditModel model, NeuronGroup group, ReadOnlySpan<double> values)
    {
        var all = new double[model.Network.NeuronCount];
        all.AsSpan().Fill(double.NaN);
        values.CopyTo(all.AsSpan(group.Range));
        return all;
    }
}

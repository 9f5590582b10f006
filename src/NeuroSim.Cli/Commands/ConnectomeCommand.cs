using NeuroSim.Experiments;

namespace NeuroSim.Cli.Commands;

/// <summary>
/// `neurosim connectome --out DIR`: the paper's Fig. 4, which is the shipped sweep file sweeps/connectome.yaml (Algorithm 1
/// on models/fig4-algorithm1.yaml over learning rates, pruning quantiles and seeds) with every `sweep` option.
/// </summary>
internal static class ConnectomeCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var execution = new SweepExecution(
            "Study folder to write (a sweep folder: runs/, sweep.csv, summary.md, figures/).",
            "Your model file in place of models/fig4-algorithm1.yaml (scheduler mode iterated runs Algorithm 1; any model and scheduler works).",
            "Your protocol in place of protocols/fig4-algorithm1.yaml (the sweep sets timeline[2].repeat.do[1].prune.quantile: keep that step, or copy the sweep file and edit it).");
        var command = execution.AddTo(new Command("connectome", "The paper's Fig. 4: Algorithm 1 (noise-driven all-to-all learning with pruning) over learning rates r, pruning quantiles p and seeds; Leiden modularity, community count, within/between ratio and across-module fraction with 95% intervals, and reordered weight heatmaps at the lowest and highest r. The same as `neurosim sweep sweeps/connectome.yaml`."));
        command.SetAction(parse => CliApp.Guard(error, () =>
        {
            using var shipped = ShippedFiles.Extract();
            return execution.Run(parse, shipped.PathOf("sweeps/connectome.yaml"), output, error);
        }));
        return command;
    }
}

using NeuroSim.Analysis.Benchmarking;

namespace NeuroSim.Cli.Commands;

/// <summary>`neurosim bench --compare-schedules`: the schedules of the bench network side by side (<see cref="ScheduleBench"/>).</summary>
internal static class BenchSchedulesOutput
{
    public static int Print(ScheduleBenchSettings settings, TextWriter output, TextWriter error)
    {
        settings.Validate();
        var console = CliConsole.Create(output);
        console.Profile.Width = Math.Max(console.Profile.Width, 150);
        console.MarkupLine($"[bold]NeuroSim schedules[/]: {Environment.ProcessorCount} logical cores, {settings.Threads} kernel threads, .NET {Environment.Version}");
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"best of {settings.Rounds} interleaved rounds of {settings.Seconds:0.##} s per schedule and size; layers N/4, N/2, N/4, tanh, tau 1 : 10 : 100 ms, dt = 0.1 ms, all three processes active"));
        var progress = new ProgressLines(error, TimeSpan.Zero);
        var results = ScheduleBench.Run(settings, line => progress.Write(elapsed => $"[{elapsed:mm\\:ss}] {line}"));

        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("N").AddColumn("schedule").AddColumn(new TableColumn("steps/s").RightAligned())
            .AddColumn(new TableColumn("passes/step").RightAligned()).AddColumn(new TableColumn("synapse-passes/s").RightAligned())
            .AddColumn(new TableColumn("per pass, of fused").RightAligned());
        foreach (var r in results)
        {
            table.AddRow(
                r.Neurons.ToString(CultureInfo.InvariantCulture),
                r.Schedule,
                r.StepsPerSecond.ToString(r.StepsPerSecond >= 100 ? "N0" : "F1", CultureInfo.InvariantCulture),
                r.PassesPerStep.ToString("0.##", CultureInfo.InvariantCulture),
                r.SynapsePassesPerSecond.ToString("0.00E+00", CultureInfo.InvariantCulture),
                r.PerPassOfFused is { } ratio ? ratio.ToString("P0", CultureInfo.InvariantCulture) : "-");
        }

        console.MarkupLine("one pass = one evaluation of every process's derivative over the network (fused and multirate Euler steps: 1 pass; coupled rk4: 4); synapse-passes/s = synapses x steps/s x passes/step");
        console.Write(table);
        return CliApp.Success;
    }
}

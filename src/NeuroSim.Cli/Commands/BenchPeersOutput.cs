using NeuroSim.Analysis.Benchmarking;

namespace NeuroSim.Cli.Commands;

/// <summary>`neurosim bench --peers` (NeuroSim against the peers of bench/peers) and `neurosim bench --export-state`.</summary>
internal static class BenchPeersOutput
{
    public static int Export(string folder, IReadOnlyList<int> sizes, int steps, TextWriter output)
    {
        BenchSettings.ValidateSizes(sizes);
        foreach (var n in sizes)
        {
            var target = Path.Combine(folder, $"n{n}");
            BenchStateExport.Write(target, n, steps);
            output.WriteLine($"wrote {target}: bench network N = {n}, initial state and the state after {steps} steps");
        }

        return CliApp.Success;
    }

    public static int Print(PeerBenchSettings settings, TextWriter output, TextWriter error)
    {
        PeerBench.Validate(settings);
        var console = CliConsole.Create(output);
        console.Profile.Width = Math.Max(console.Profile.Width, 150);
        console.MarkupLine($"[bold]NeuroSim against its peers[/]: {Markup.Escape(MachineName())}; NeuroSim {settings.Threads} kernel threads, .NET {Environment.Version}");
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"best of {settings.Rounds} interleaved rounds of {settings.Seconds:0.##} s per simulator and size; same network, initial state and dynamics (bench/peers/README.md)"));
        var progress = new ProgressLines(error, TimeSpan.Zero);
        var results = PeerBench.Run(settings, line => progress.Write(elapsed => $"[{elapsed:mm\\:ss}] {line}"));

        var table = new Table().Border(TableBorder.Rounded).AddColumn("N").AddColumn(new TableColumn("NeuroSim").RightAligned());
        foreach (var peer in settings.Peers)
        {
            table.AddColumn(new TableColumn(peer).RightAligned());
        }

        table.AddColumn("best peer").AddColumn(new TableColumn("NeuroSim / best").RightAligned());
        foreach (var size in results)
        {
            var best = size.Best;
            table.AddRow([
                size.Neurons.ToString(CultureInfo.InvariantCulture),
                Rate(size.NeuroSimStepsPerSecond),
                .. size.Peers.Select(p => p.StepsPerSecond is { } r ? Rate(r) : "failed"),
                best?.Name ?? "none",
                best?.StepsPerSecond is { } bestRate ? (size.NeuroSimStepsPerSecond / bestRate).ToString("F1", CultureInfo.InvariantCulture) + "x" : "-",
            ]);
        }

        console.MarkupLine("steps/s of the full step (firing, credit, plasticity; explicit Euler, dt = 0.1 ms; layers N/4, N/2, N/4, tanh)");
        console.Write(table);
        foreach (var failure in results.SelectMany(r => r.Peers.Select(p => (r.Neurons, p.Failure))).Where(f => f.Failure is not null))
        {
            console.MarkupLine($"N = {failure.Neurons}: {Markup.Escape(failure.Failure!)}");
        }

        return CliApp.Success;
    }

    /// <summary>Logical cores and the CPU model of /proc/cpuinfo (where there is one).</summary>
    private static string MachineName()
    {
        const string key = "model name";
        var model = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        return $"{Environment.ProcessorCount} logical cores, {model ?? "CPU model unknown"}";
    }

    private static string Rate(double stepsPerSecond) => stepsPerSecond.ToString(stepsPerSecond >= 100 ? "N0" : "F1", CultureInfo.InvariantCulture);
}

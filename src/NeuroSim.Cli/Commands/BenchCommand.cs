using NeuroSim.Analysis.Benchmarking;

namespace NeuroSim.Cli.Commands;

/// <summary>
/// `neurosim bench`: throughput of the balance-credit engine on layered networks, its effective memory
/// traffic next to the machine's own triad bandwidth measured in the same run, adiabatic training against
/// plain BP, and the multirate scheduler against coupled mode at eps = 0.01 (<see cref="EngineBench"/>).
/// </summary>
internal static class BenchCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var defaults = new BenchSettings { Sizes = [200, 1000, 4000] };
        var sizesOption = new Option<int[]>("--sizes") { Description = "Network sizes N (layers N/4, N/2, N/4), each a multiple of 4.", DefaultValueFactory = _ => [.. defaults.Sizes], AllowMultipleArgumentsPerToken = true };
        var secondsOption = new Option<double>("--seconds") { Description = "Wall time of each measurement.", DefaultValueFactory = _ => defaults.Seconds }.Finite(0, minExcluded: true);
        var repeatsOption = new Option<int>("--repeats") { Description = "Measurements per figure; the median is printed.", DefaultValueFactory = _ => defaults.Repeats }.AtLeast(1);
        var threadsOption = new Option<int>("--threads") { Description = "Kernel threads (results do not depend on it).", DefaultValueFactory = _ => defaults.Threads }.AtLeast(1);
        var examplesOption = new Option<int>("--examples") { Description = "Examples per training measurement on 784-256-10 (0 skips training).", DefaultValueFactory = _ => defaults.Examples }.AtLeast(0);
        var separationOption = new Option<bool>("--separation") { Description = "Also time one eps = 0.01 presentation, multirate vs coupled, at equal step and at equal accuracy (about 3 s).", DefaultValueFactory = _ => defaults.Separation };
        var precisionOption = OptionValues.Choice("--precision", "Weight storage of the fused step: double, or single (float32 weights, double arithmetic; needs --schedule fused).", defaults.SinglePrecision ? "single" : "double", "double", "single");
        var scheduleOption = OptionValues.Choice("--schedule", "Full-step schedule: fused (coupled forward Euler, one pass over W) or multirate (every process due every step; credit and plasticity in one pass).", defaults.Schedule);
        var bandwidthOption = new Option<int>("--bandwidth-mib") { Description = "Size of each triad array in MiB (keep well above the caches).", DefaultValueFactory = _ => defaults.BandwidthMib }.AtLeast(1);
        var peersOption = new Option<bool>("--peers") { Description = "Instead: NeuroSim's fused step against the peer simulators of bench/peers (NumPy, PyTorch, Brian2) on the same network, in interleaved rounds; prints steps/s and ratios." };
        var peerNamesOption = OptionValues.NameList("--peer", "With --peers: the peers to run, comma-separated.", [.. PeerBench.AllPeers], PeerBench.AllPeers);
        var roundsOption = new Option<int>("--rounds") { Description = "With --peers or --compare-schedules: interleaved rounds per size; the best of each simulator or schedule counts.", DefaultValueFactory = _ => 2 }.AtLeast(1);
        var quickOption = new Option<bool>("--quick") { Description = "With --peers: 0.2 s measurements, and N = 200 1000 unless --sizes is given." };
        var peersFolderOption = new Option<string?>("--peers-folder") { Description = "With --peers: the folder of peer.py (default: bench/peers above the binaries or the current folder)." };
        var exportOption = new Option<string?>("--export-state") { Description = "Instead: write each size's bench network to FOLDER/n<N> (parameters, initial state, state after --export-steps steps) for the peers of bench/peers." };
        var compareOption = new Option<bool>("--compare-schedules") { Description = "Instead: the fused step, multirate (every process every step) and coupled rk4 on the same networks in interleaved rounds; prints steps/s, synapse-passes/s (one pass = one evaluation of every process's derivative) and each schedule's per-pass throughput relative to the fused step." };
        var schedulesOption = OptionValues.NameList("--schedules", "With --compare-schedules: the schedules to run, comma-separated (-generic: the model's fused paths off).", [.. ScheduleBench.DefaultSchedules], ScheduleBench.AllSchedules);
        var exportStepsOption = new Option<int>("--export-steps") { Description = "With --export-state: fused Euler steps between the initial and the final state.", DefaultValueFactory = _ => (int)PeerBench.ExportSteps }.AtLeast(0);
        var command = new Command("bench", "Measure steps/s, neuron and synapse updates/s and effective memory traffic against the measured bandwidth; adiabatic training vs plain BP; multirate vs coupled at eps = 0.01.")
        {
            sizesOption,
            secondsOption,
            repeatsOption,
            threadsOption,
            examplesOption,
            separationOption,
            bandwidthOption,
            scheduleOption,
            precisionOption,
            peersOption,
            peerNamesOption,
            roundsOption,
            quickOption,
            peersFolderOption,
            exportOption,
            exportStepsOption,
            compareOption,
            schedulesOption,
        };
        command.SetAction(parse => CliApp.Guard(error, () =>
        {
            var sizes = parse.GetValue(sizesOption)!;
            if (parse.GetValue(exportOption) is { } folder)
            {
                return BenchPeersOutput.Export(folder, sizes, parse.GetValue(exportStepsOption), output);
            }

            if (parse.GetValue(compareOption))
            {
                return BenchSchedulesOutput.Print(
                    new ScheduleBenchSettings
                    {
                        Sizes = sizes,
                        Schedules = parse.GetValue(schedulesOption)!,
                        Seconds = parse.GetValue(secondsOption),
                        Rounds = parse.GetValue(roundsOption),
                        Threads = parse.GetValue(threadsOption),
                    },
                    output,
                    error);
            }

            if (parse.GetValue(peersOption))
            {
                var quick = parse.GetValue(quickOption);
                var sizesGiven = parse.GetResult(sizesOption) is { Implicit: false };
                return BenchPeersOutput.Print(
                    new PeerBenchSettings
                    {
                        Sizes = quick && !sizesGiven ? [200, 1000] : sizes,
                        PeersFolder = parse.GetValue(peersFolderOption) ?? PeerBench.FindPeersFolder() ?? throw new ArgumentException("--peers: bench/peers/peer.py not found above the binaries or the current folder; give --peers-folder"),
                        Peers = parse.GetValue(peerNamesOption)!,
                        Seconds = quick ? 0.2 : parse.GetValue(secondsOption),
                        Rounds = parse.GetValue(roundsOption),
                        Threads = parse.GetValue(threadsOption),
                    },
                    output,
                    error);
            }

            return Print(
            new BenchSettings
            {
                Sizes = sizes,
                Seconds = parse.GetValue(secondsOption),
                Repeats = parse.GetValue(repeatsOption),
                Threads = parse.GetValue(threadsOption),
                Examples = parse.GetValue(examplesOption),
                Separation = parse.GetValue(separationOption),
                BandwidthMib = parse.GetValue(bandwidthOption),
                Schedule = parse.GetValue(scheduleOption),
                SinglePrecision = parse.GetValue(precisionOption) == "single",
            },
            output);
        }));
        return command;
    }

    private static int Print(BenchSettings settings, TextWriter output)
    {
        settings.Validate();
        var console = CliConsole.Create(output);
        console.Profile.Width = Math.Max(console.Profile.Width, 150);
        console.MarkupLine($"[bold]NeuroSim bench[/]: {Environment.ProcessorCount} logical cores, {settings.Threads} kernel threads, {RuntimeInfo()}; median of {settings.Repeats} x {settings.Seconds:0.##} s");
        var result = EngineBench.Run(settings);
        var bandwidth = result.Bandwidth;
        console.MarkupLine($"memory bandwidth (triad a = b + s c, 3 x {settings.BandwidthMib} MiB, 24 B/element): [bold]{bandwidth / 1e9:F1} GB/s[/]");

        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("N").AddColumn(new TableColumn("synapses").RightAligned()).AddColumn(new TableColumn("steps/s").RightAligned())
            .AddColumn(new TableColumn("neuron-updates/s").RightAligned()).AddColumn(new TableColumn("synapse-updates/s").RightAligned())
            .AddColumn(new TableColumn("effective GB/s").RightAligned()).AddColumn(new TableColumn("of bandwidth").RightAligned())
            .AddColumn(new TableColumn("outside kernels").RightAligned());
        foreach (var network in result.Networks)
        {
            var traffic = network.BytesPerStep * network.StepsPerSecond;
            table.AddRow(
                network.Neurons.ToString(CultureInfo.InvariantCulture),
                network.Synapses.ToString("N0", CultureInfo.InvariantCulture),
                network.StepsPerSecond.ToString("F1", CultureInfo.InvariantCulture),
                Sci(network.Neurons * network.StepsPerSecond),
                Sci(network.Synapses * network.StepsPerSecond),
                (traffic / 1e9).ToString("F2", CultureInfo.InvariantCulture),
                (traffic / bandwidth).ToString("P0", CultureInfo.InvariantCulture),
                network.OutsideKernels.ToString("P0", CultureInfo.InvariantCulture));
        }

        console.MarkupLine(settings.Fused
            ? $"full step, coupled forward Euler taken as one fused pass over W (pools, W^T delta and the plasticity step from each row read once), {(settings.SinglePrecision ? "float32" : "double")} weights; dt = 0.1 ms, tanh, tau 1 : 10 : 100 ms"
            : "full step, multirate, every process due every step: firing exp-euler, credit exp-euler, plasticity euler (firing from the kept evaluation, credit and plasticity in one pass over W); dt = 0.1 ms, tanh, tau 1 : 10 : 100 ms");
        console.MarkupLine("effective traffic = W read once + W written once + the neuron vectors, per step (the fused minimum); outside kernels = share of the step not in connectivity kernels");
        console.Write(table);

        if (result.Training is var (adiabatic, bp))
        {
            console.MarkupLine($"training 784-256-10 tanh, online, one example per presentation: adiabatic balance-credit [bold]{adiabatic:F1}[/] examples/s, plain BP MLP [bold]{bp:F1}[/] examples/s, ratio [bold]{adiabatic / bp:F2}[/]");
        }

        if (result.Separation is { } separation)
        {
            var (reference, coupledLargest, multirate) = (separation.Reference, separation.CoupledLargestStep, separation.Multirate);
            console.MarkupLine($"eps = 0.01, {string.Join('-', BenchModels.SeparationSizes)} tanh, tau 1 : 100 : 10^4 ms, one presentation T = tau_w from a cold start; deviation = relative L2 distance of the weight change from the BP step");
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"  multirate (dt 0.1 ms; firing exp-euler every 2 ms, credit every 2 ms, plasticity every 5 ms): {multirate.Seconds * 1e3:F0} ms, deviation {multirate.Deviation:P3}"));
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"  coupled rk4 at dt 0.1 ms (the separation study's reference): {reference.Seconds * 1e3:F0} ms, deviation {reference.Deviation:P3}: multirate speed-up [bold]{reference.Seconds / multirate.Seconds:F1}x[/]"));
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"  coupled rk4 at dt 2 ms (its largest stable step, 2.8 tau_x): {coupledLargest.Seconds * 1e3:F0} ms, deviation {coupledLargest.Deviation:P3}: multirate speed-up [bold]{coupledLargest.Seconds / multirate.Seconds:F1}x[/]"));
        }

        return CliApp.Success;
    }

    private static string RuntimeInfo() => $".NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSArchitecture}";

    private static string Sci(double value) => value.ToString("0.00E+00", CultureInfo.InvariantCulture);
}

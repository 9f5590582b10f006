using NeuroSim.Plotting.Data;

namespace NeuroSim.Plotting.Recipes;

/// <summary>
/// `--kind updates`: a raster of update events of the rates x, the credits c and the weights W (and
/// biases b) over time, in the style of Fig. 2A of Fan and Mysore. The rate of change of a variable is
/// taken from successive recorded samples (never across a recording gap); an event is a sampling step
/// whose |dv/dt| is at least <see cref="PlotOptions.Threshold"/> times the reference rate of its process:
/// a high percentile (<see cref="ReferencePercentile"/>) of its non-zero rates over the whole recording,
/// leaving out the cold start (the first sampled step) and steps across a protocol manipulation (lesion,
/// prune, set, block): a single jump there would otherwise set the scale and hide every plasticity event. Events crowd after each input change and thin out as each process
/// converges: firing first, credit later, plasticity last. Below the raster, the fraction of each
/// process's variables that are updating.
/// </summary>
public sealed class UpdatesRecipe : SingleRunRecipe
{
    /// <summary>Default event threshold: 2% of the peak rate of the process (chosen by eye on the demo: it keeps the converged tails quiet without losing the onsets).</summary>
    public const double DefaultThreshold = 0.02;

    /// <summary>Percentile of a process's rates taken as its reference rate (robust to a few protocol jumps).</summary>
    public const double ReferencePercentile = 99;

    /// <summary>Time bins of the fraction-updating panel.</summary>
    public const int FractionBins = 200;

    /// <summary>Weight variables of the model families: W (balance-credit); W_up, B, W_ip, W_pi (dendritic microcircuit).</summary>
    public static readonly IReadOnlySet<string> WeightVariables = new HashSet<string> { "W", "W_up", "B", "W_ip", "W_pi" };

    /// <summary>Firing and credit variables, first found wins: rate x (balance-credit) or r, else soma u (microcircuit); credit c, else the apical error vA.</summary>
    private static readonly string[] FiringVariables = ["x", "r", "u"], CreditVariables = ["c", "vA"];

    public override string Kind => "updates";

    public override string Description => "raster of update events of x, c and W over time (Fan & Mysore Fig. 2A style)";

    protected override Figure Build(RunData run, PlotOptions options)
    {
        if (!(options.Threshold > 0 && options.Threshold < 1))
        {
            throw new ArgumentException($"--threshold {options.Threshold.ToString(CultureInfo.InvariantCulture)}: must lie between 0 and 1 (a fraction of the reference rate)");
        }

        var traces = run.MonitorsWith(c => ColumnNames.TryNeuron(c, out var n) && (FiringVariables.Contains(n.Variable) || CreditVariables.Contains(n.Variable))).FirstOrDefault();
        var weights = run.MonitorsWith(c => ColumnNames.TrySynapse(c, out var s) && WeightVariables.Contains(s.Variable)).FirstOrDefault();
        if (traces is null && weights is null)
        {
            throw new ArgumentException($"run folder '{run.Name}' has no x[...], c[...], u[...], vA[...] or W[...] columns in monitors/");
        }

        var neurons = traces is null ? [] : EiBalanceRecipe.RecordedNeurons(traces);
        if (options.Neurons is { Count: > 0 } chosen)
        {
            foreach (var neuron in chosen.Where(n => !neurons.Contains(n)))
            {
                throw new ArgumentException($"neuron '{neuron}' is not recorded in {traces?.Name ?? "monitors/"}; recorded: {string.Join(", ", neurons)}");
            }

            neurons = chosen;
        }

        var windowSource = traces ?? weights!;
        var window = TimeWindow.Choose(windowSource.Numbers("time_ms"), options);
        var processes = new List<Process>();
        if (traces is not null)
        {
            var firing = FiringVariables.FirstOrDefault(v => neurons.Any(n => traces.Has($"{v}[{n}]"))) ?? "x";
            var credit = CreditVariables.FirstOrDefault(v => neurons.Any(n => traces.Has($"{v}[{n}]"))) ?? "c";
            processes.Add(Process.From($"firing {firing}", Palette.Blue, traces, [.. neurons.Select(n => $"{firing}[{n}]").Where(traces.Has)]));
            processes.Add(Process.From($"credit {credit}", Palette.ReddishPurple, traces, [.. neurons.Select(n => $"{credit}[{n}]").Where(traces.Has)]));
        }

        if (weights is not null)
        {
            var columns = weights.Header.Where(h => (ColumnNames.TrySynapse(h, out var s) && WeightVariables.Contains(s.Variable)) || (ColumnNames.TryNeuron(h, out var n) && n.Variable == "b")).ToList();
            processes.Add(Process.From("plasticity W, b", Palette.Vermillion, weights, columns));
        }

        processes.RemoveAll(p => p.Columns.Count == 0);
        var rows = new List<RasterRow>();
        var bands = new List<(int First, int Count, string Name)>();
        var jumps = ProtocolShading.ManipulationTimes(run.Epochs());
        foreach (var process in processes)
        {
            bands.Add((rows.Count, process.Columns.Count, process.Name));
            rows.AddRange(process.Rows(window, options.Threshold, jumps));
        }

        var figure = new Figure(2, 1)
        {
            Width = 960,
            Height = Math.Max(500, 300 + (5 * rows.Count)),
            ShareX = true,
            RowWeights = [Math.Max(2.5, rows.Count / 14.0), 1],
            Title = $"Update events of firing, credit and plasticity: {run.Name}",
            Subtitle = string.Create(CultureInfo.InvariantCulture, $"{window.Span()} ({window.Description}); event: |dv/dt| between successive samples ≥ {options.Threshold:0.###} × its process's reference rate (the {ReferencePercentile:0}th percentile of its rates, cold start and protocol jumps left out)"),
            Footnote = $"source: {string.Join(", ", processes.Select(p => p.Source).Distinct())}. Sampling: {string.Join("; ", processes.Select(p => p.SamplingNote).Distinct())}. Shading: protocol epochs.",
        };
        var protocol = new ProtocolShading(window, run.Epochs());
        var shading = protocol.LayersFor(null);
        foreach (var process in processes)
        {
            figure.HeaderLegend.Add(new LegendEntry($"{process.Name} ({process.Columns.Count})", process.Color, LegendMark.Line));
        }

        foreach (var entry in protocol.Legend)
        {
            figure.HeaderLegend.Add(entry);
        }

        var raster = new Panel { Legend = LegendPosition.None };
        raster.X.Min = window.Display(window.FromMs);
        raster.X.Max = window.Display(window.ToMs);
        raster.X.Tight = true;
        raster.Y.Inverted = true;
        raster.Y.Grid = false;
        raster.Y.Min = 0;
        raster.Y.Max = Math.Max(1, rows.Count);
        raster.Y.Label = "variable";
        raster.Y.Ticks = [.. bands.Select(b => new Tick(b.First + (b.Count / 2.0), ShortName(b.Name)))];
        foreach (var layer in shading)
        {
            raster.Add(layer);
        }

        foreach (var band in bands.Skip(1))
        {
            raster.Add(new LineSeries(null, [raster.X.Min.Value, raster.X.Max.Value], [band.First, band.First], Palette.Muted, 0.8));
        }

        raster.Add(new EventRaster(rows));
        if (rows.Count == 0)
        {
            raster.EmptyMessage = "nothing recorded";
        }

        var fraction = new Panel { Legend = LegendPosition.None };
        fraction.X.Label = window.AxisLabel;
        fraction.X.Min = raster.X.Min;
        fraction.X.Max = raster.X.Max;
        fraction.X.Tight = true;
        fraction.Y.Label = "fraction updating";
        fraction.Y.Min = 0;
        fraction.Y.Max = 1;
        fraction.Y.TickTarget = 2;
        foreach (var layer in shading)
        {
            fraction.Add(layer);
        }

        var (lo, hi) = (window.Display(window.FromMs), window.Display(window.ToMs));
        var centres = Enumerable.Range(0, FractionBins).Select(k => lo + ((hi - lo) * (k + 0.5) / FractionBins)).ToArray();
        var offset = 0;
        foreach (var process in processes)
        {
            var own = rows.Skip(offset).Take(process.Columns.Count).ToList();
            offset += process.Columns.Count;
            var values = centres.Select(t => process.Covers(window, t) ? own.Count(r => r.Events.Any(e => e.Start <= t && t <= e.End)) / (double)own.Count : double.NaN).ToArray();
            fraction.Add(new LineSeries($"{process.Name} ({process.Columns.Count})", centres, values, process.Color, 1.6));
        }

        figure.Add(0, 0, raster);
        figure.Add(1, 0, fraction);
        return figure;
    }

    private static string ShortName(string process) => process switch
    {
        "firing x" => "rate x",
        _ when process.StartsWith("firing ", StringComparison.Ordinal) => process["firing ".Length..],
        _ when process.StartsWith("credit ", StringComparison.Ordinal) => process,
        _ => "W, b",
    };

    /// <summary>The variables of one process, read from one monitor.</summary>
    private sealed class Process
    {
        private double[] time = [];
        private bool[] contiguous = [];

        public required string Name { get; init; }

        public required string Color { get; init; }

        public required string Source { get; init; }

        public required IReadOnlyList<string> Columns { get; init; }

        public required CsvTable Monitor { get; init; }

        public string SamplingNote =>
            string.Create(CultureInfo.InvariantCulture, $"{Source} every {TimeSegments.MedianStep(time):0.###} ms");

        public static Process From(string name, string color, CsvTable monitor, IReadOnlyList<string> columns)
        {
            var process = new Process { Name = name, Color = color, Source = monitor.Name, Columns = columns, Monitor = monitor };
            process.time = monitor.Numbers("time_ms");
            process.contiguous = TimeSegments.Contiguous(process.time);
            return process;
        }

        /// <summary>Whether display time t lies between two neighbouring samples of this process.</summary>
        public bool Covers(TimeWindow window, double t)
        {
            for (var k = 0; k + 1 < time.Length; k++)
            {
                if (contiguous[k] && window.Display(time[k]) <= t && t <= window.Display(time[k + 1]))
                {
                    return true;
                }
            }

            return false;
        }

        public IEnumerable<RasterRow> Rows(TimeWindow window, double threshold, IReadOnlyList<double> jumps)
        {
            var rates = Columns.Select(c => Rates(Monitor.Numbers(c))).ToList();
            var peak = ReferenceRate(rates, jumps);
            for (var v = 0; v < Columns.Count; v++)
            {
                var events = new List<(double Start, double End)>();
                for (var k = 0; k + 1 < time.Length; k++)
                {
                    if (!(peak > 0) || !(rates[v][k] >= threshold * peak) || time[k + 1] <= window.FromMs || time[k] >= window.ToMs)
                    {
                        continue;
                    }

                    var start = window.Display(Math.Max(time[k], window.FromMs));
                    var end = window.Display(Math.Min(time[k + 1], window.ToMs));
                    if (events.Count > 0 && events[^1].End >= start)
                    {
                        events[^1] = (events[^1].Start, end);
                    }
                    else
                    {
                        events.Add((start, end));
                    }
                }

                yield return new RasterRow(Columns[v], Color, events);
            }
        }

        /// <summary>The <see cref="ReferencePercentile"/> of the non-zero rates, without the first step and steps across a protocol jump.</summary>
        internal double ReferenceRate(IReadOnlyList<double[]> rates, IReadOnlyList<double> jumps)
        {
            var steps = Enumerable.Range(1, Math.Max(0, time.Length - 2)).Where(k => !jumps.Any(t => time[k] <= t && t <= time[k + 1])).ToList();
            var values = rates.SelectMany(r => steps.Select(k => r[k])).Where(v => double.IsFinite(v) && v > 0).ToArray();
            return values.Length == 0 ? 0 : MathNet.Numerics.Statistics.Statistics.Percentile(values, (int)ReferencePercentile);
        }

        /// <summary>|dv/dt| over each sampling step; NaN across gaps.</summary>
        private double[] Rates(double[] values)
        {
            var rates = new double[Math.Max(0, time.Length - 1)];
            for (var k = 0; k < rates.Length; k++)
            {
                // A repeated time stamp (an epoch boundary) has no rate: the jump shows in the step after it.
                rates[k] = contiguous[k] && time[k + 1] > time[k] ? Math.Abs(values[k + 1] - values[k]) / (time[k + 1] - time[k]) : double.NaN;
            }

            return rates;
        }
    }
}

using NeuroSim.Core.Monitoring;

namespace NeuroSim.Plotting.Recipes;

/// <summary>
/// `--kind ei-balance`: for each chosen neuron a column of time-aligned panels: E and I pools together,
/// net input s, balance f(s), rate x, credit c, read from every monitor file of the run. Panels of a row
/// share their y range so neurons compare at a glance, except credit (output and hidden credit differ by
/// orders of magnitude) unless --y says otherwise; the protocol is drawn by <see cref="ProtocolShading"/>.
/// </summary>
public sealed class EiBalanceRecipe : SingleRunRecipe
{
    /// <summary>Default number of neurons when none are chosen.</summary>
    public const int DefaultNeuronCount = 3;

    private static readonly (NeuronVariable[] Variables, string YLabel, string[] Names, string[] Colors)[] Rows =
    [
        ([BalanceCreditVariables.ExcitatoryPool, BalanceCreditVariables.InhibitoryPool], "E and I pools", [BalanceCreditVariables.ExcitatoryPool.Meaning, BalanceCreditVariables.InhibitoryPool.Meaning], [Palette.Vermillion, Palette.Blue]),
        ([BalanceCreditVariables.NetInput], $"{BalanceCreditVariables.NetInput.Meaning} s", ["s = E - I + b"], [Palette.Black]),
        ([BalanceCreditVariables.Balance], $"{BalanceCreditVariables.Balance.Meaning} f(s)", ["f(s)"], [Palette.BluishGreen]),
        ([BalanceCreditVariables.Rate], $"{BalanceCreditVariables.Rate.Meaning} x", ["x"], [Palette.Black]),
        ([BalanceCreditVariables.Credit], $"{BalanceCreditVariables.Credit.Meaning} c", ["c"], [Palette.ReddishPurple]),
    ];

    public override string Kind => "ei-balance";

    public override string Description => "per neuron, time-aligned E pool, I pool, net input s, balance f(s), rate x, credit c, with protocol epochs shaded";

    protected override Figure Build(RunData run, PlotOptions options)
    {
        var monitors = run.MonitorsWith(c => ColumnNames.TryNeuron(c, out var n) && n.Variable is "x" or "s" or "E" or "I" or "f" or "c").ToList();
        if (monitors.Count == 0 && ApicalRecipe.Accepts(run))
        {
            // A dendritic microcircuit run has compartments instead of E and I pools: its E-I view is the apical kind.
            return new ApicalRecipe().Build([run], options);
        }

        if (monitors.Count == 0)
        {
            throw new ArgumentException($"run folder '{run.Name}' has no neuron traces (columns like x[L1:0]) in monitors/");
        }

        // Every monitor file counts: a finely sampled monitor of one neuron and a coarse one of the network are both read.
        var recorded = monitors.SelectMany(RecordedNeurons).Distinct().ToList();
        var neurons = options.Neurons is { Count: > 0 } chosen ? chosen : DefaultNeurons(recorded);
        CheckRecorded(neurons, recorded, string.Join(", ", monitors.Select(m => m.Name)));
        var primary = monitors.Where(m => neurons.Any(n => m.Header.Any(c => c.EndsWith($"[{n}]", StringComparison.Ordinal)))).MaxBy(m => m.RowCount)!;
        var window = TimeWindow.Choose(primary.Numbers("time_ms"), options);
        var traces = new MonitorTraces(monitors, window, options);
        var protocol = new ProtocolShading(window, run.Epochs());
        var rows = Rows.Where(r => neurons.Any(n => r.Variables.Any(v => traces.Has($"{v.Symbol}[{n}]")))).ToList();
        if (rows.Count == 0)
        {
            rows = [Rows[3]];
        }

        var figure = window.NeuronFigure(rows.Count, neurons.Count, 150 + (128 * rows.Count), $"E-I balance, credit and firing: {run.Name}");
        for (var row = 0; row < rows.Count; row++)
        {
            if ((options.YRanges ?? (rows[row].Variables[0] == BalanceCreditVariables.Credit ? YRanges.Free : YRanges.Shared)) == YRanges.Free)
            {
                figure.FreeYRows.Add(row);
            }
        }

        var sharing = figure.FreeYRows.Count == 0 ? "Rows share their y range across neurons"
            : figure.FreeYRows.Count == rows.Count ? "Each panel has its own y range"
            : $"Rows share their y range across neurons except {string.Join(", ", figure.FreeYRows.Select(r => rows[r].YLabel))} (own range per panel)";
        if (rows[0].Variables.Length > 1)
        {
            figure.HeaderLegend.Add(new LegendEntry(BalanceCreditVariables.ExcitatoryPool.Meaning, Palette.Vermillion, LegendMark.Line));
            figure.HeaderLegend.Add(new LegendEntry(BalanceCreditVariables.InhibitoryPool.Meaning, Palette.Blue, LegendMark.Line));
        }

        for (var column = 0; column < neurons.Count; column++)
        {
            var shading = protocol.LayersFor(neurons[column]);
            for (var row = 0; row < rows.Count; row++)
            {
                var (variables, yLabel, names, colors) = rows[row];
                var panel = window.NeuronPanel(row == 0 ? $"neuron {neurons[column]}" : null, neurons.Count, yLabel, shading);

                var any = false;
                for (var v = 0; v < variables.Length; v++)
                {
                    if (traces.Slice($"{variables[v].Symbol}[{neurons[column]}]") is var (xs, ys))
                    {
                        panel.Add(new LineSeries(names[v], xs, ys, colors[v], 1.5));
                        any = true;
                    }
                }

                if (!any)
                {
                    panel.EmptyMessage = "not recorded";
                }

                figure.Add(row, column, panel);
            }
        }

        foreach (var entry in protocol.Legend)
        {
            figure.HeaderLegend.Add(entry);
        }

        // After the panels: the sources are the monitors the traces were actually taken from.
        figure.Footnote = $"source: {string.Join(", ", traces.Sources)}, epochs.csv. {sharing}; s = E - I + b; f(s) = balance; x = rate; c = credit.";
        return figure;
    }

    /// <summary>Throws, naming the recorded neurons, when a chosen neuron is not in the monitor.</summary>
    public static void CheckRecorded(IEnumerable<string> neurons, IReadOnlyList<string> recorded, string monitorName)
    {
        ArgumentNullException.ThrowIfNull(neurons);
        ArgumentNullException.ThrowIfNull(recorded);
        foreach (var neuron in neurons)
        {
            if (!recorded.Contains(neuron))
            {
                throw new ArgumentException($"neuron '{neuron}' is not recorded in {monitorName}; recorded: {string.Join(", ", recorded)}");
            }
        }
    }

    /// <summary>Neurons with a recorded quantity, in column order ("L0:0", "L0:1", ...).</summary>
    public static IReadOnlyList<string> RecordedNeurons(CsvTable monitor)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        return [.. monitor.Header.Select(c => ColumnNames.TryNeuron(c, out var n) ? n.Neuron : null).OfType<string>().Distinct()];
    }

    /// <summary>
    /// Neurons worth looking at first: inputs (the first group, rate-clamped) are skipped when there are
    /// other groups; two from each hidden group and one output, at most <see cref="DefaultNeuronCount"/>.
    /// </summary>
    public static IReadOnlyList<string> DefaultNeurons(IReadOnlyList<string> recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        var groups = recorded.GroupBy(n => n[..n.LastIndexOf(':')]).ToList();
        if (groups.Count <= 1)
        {
            return [.. recorded.Take(DefaultNeuronCount)];
        }

        var hidden = groups.Skip(1).SkipLast(1).SelectMany(g => g.Take(2)).ToList();
        var output = groups[^1].Take(1);
        return [.. hidden.Take(DefaultNeuronCount - 1).Concat(output)];
    }
}


namespace NeuroSim.Plotting.Recipes;

/// <summary>
/// `--kind apical`: compartment traces of a dendritic microcircuit run. For each chosen pyramidal neuron a
/// column of time-aligned panels: somatic potential u with its basal prediction v̂_B (and the target, where
/// the neuron is an output); the apical potential v_A; and the interneuron prediction against what it
/// predicts: -W_PI r_I (the lateral term, sign flipped) against the top-down input B r for a hidden neuron,
/// the interneuron partner's potential u_I against u for an output neuron. Protocol epochs are shaded.
/// Monitor columns (docs/run-folder.md): u, vB, vA, td, lat, tgt, uI, e.g. vA[L1:0].
/// </summary>
public sealed class ApicalRecipe : SingleRunRecipe
{
    /// <summary>Default number of neurons when none are chosen.</summary>
    public const int DefaultNeuronCount = 3;

    /// <summary>One series of a row: monitor variable, legend name, colour, sign applied, dash.</summary>
    private sealed record Trace(string Variable, string Name, string Color, double Sign = 1.0, string? Dash = null);

    private static readonly (string YLabel, Trace[] Traces)[] Rows =
    [
        ("soma and basal prediction", [new("u", "soma u", Palette.Black), new("vB", "basal prediction v̂_B", Palette.Blue, Dash: "5,3"), new("tgt", "target u_trgt", Palette.Vermillion)]),
        ("apical v_A", [new("vA", "apical v_A", Palette.ReddishPurple)]),
        ("interneuron vs top-down", [new("td", "top-down B r", Palette.Orange), new("lat", "interneuron prediction -W_PI r_I", Palette.BluishGreen, -1.0, "5,3"), new("uI", "interneuron u_I", Palette.BluishGreen, Dash: "5,3")]),
    ];

    /// <summary>The monitor variables this kind reads.</summary>
    public static IReadOnlyList<string> Variables { get; } = [.. Rows.SelectMany(r => r.Traces).Select(t => t.Variable).Distinct()];

    public override string Kind => "apical";

    public override string Description => "dendritic microcircuit, per neuron: soma u and basal prediction (and target), apical potential, interneuron prediction vs top-down input, with protocol epochs shaded";

    /// <summary>True when a monitor of the run has microcircuit compartment traces (columns like vA[L1:0]).</summary>
    public static bool Accepts(RunData run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.MonitorsWith(IsApical).Any();
    }

    protected override Figure Build(RunData run, PlotOptions options)
    {
        var monitor = run.MonitorsWith(IsApical).FirstOrDefault()
            ?? throw new ArgumentException($"run folder '{run.Name}' has no microcircuit compartment traces (columns like vA[L1:0]) in monitors/");
        var recorded = EiBalanceRecipe.RecordedNeurons(monitor);
        var neurons = options.Neurons is { Count: > 0 } chosen ? chosen : EiBalanceRecipe.DefaultNeurons(["input:0", .. recorded]);
        EiBalanceRecipe.CheckRecorded(neurons, recorded, monitor.Name);

        var time = monitor.Numbers("time_ms");
        var window = TimeWindow.Choose(time, options);
        var protocol = new ProtocolShading(window, run.Epochs());
        var figure = window.NeuronFigure(Rows.Length, neurons.Count, 190 + (150 * Rows.Length), $"Dendritic microcircuit compartments: {run.Name}");
        figure.Footnote = $"source: {monitor.Name}, epochs.csv. Potentials; rows share their y range across neurons. Hidden neurons: the interneurons cancel the top-down input when -W_PI r_I meets B r (v_A = 0). Output neurons: the interneuron partner u_I tracks u.";
        var used = Rows.SelectMany(r => r.Traces).Where(t => neurons.Any(n => monitor.Has($"{t.Variable}[{n}]"))).ToList();
        foreach (var trace in used)
        {
            figure.HeaderLegend.Add(new LegendEntry(trace.Name, trace.Color, LegendMark.Line));
        }

        if (options.YRanges == YRanges.Free)
        {
            figure.ShareYInRow = false;
        }

        for (var column = 0; column < neurons.Count; column++)
        {
            var shading = protocol.LayersFor(neurons[column]);
            for (var row = 0; row < Rows.Length; row++)
            {
                var (yLabel, traces) = Rows[row];
                var panel = window.NeuronPanel(row == 0 ? $"neuron {neurons[column]}" : null, neurons.Count, yLabel, shading);

                var any = false;
                foreach (var trace in traces)
                {
                    var name = $"{trace.Variable}[{neurons[column]}]";
                    if (!monitor.Has(name))
                    {
                        continue;
                    }

                    // The output's own potential is the reference the interneuron partner tracks.
                    if (trace.Variable == "uI" && monitor.Has($"u[{neurons[column]}]"))
                    {
                        var (us, uy) = window.Slice(time, monitor.Numbers($"u[{neurons[column]}]"));
                        panel.Add(new LineSeries("soma u", us, uy, Palette.Black, 1.2));
                    }

                    var (xs, ys) = window.Slice(time, monitor.Numbers(name));
                    panel.Add(new LineSeries(trace.Name, xs, [.. ys.Select(y => trace.Sign * y)], trace.Color, 1.5, trace.Dash));
                    any = true;
                }

                if (!any)
                {
                    // Output neurons have no apical compartment (g_A = 0); their interneuron partner is traced instead.
                    var isOutput = monitor.Has($"tgt[{neurons[column]}]") || monitor.Has($"uI[{neurons[column]}]");
                    panel.EmptyMessage = isOutput && row == 1 ? "no apical compartment (output)" : "not recorded";
                }

                figure.Add(row, column, panel);
            }
        }

        foreach (var entry in protocol.Legend)
        {
            figure.HeaderLegend.Add(entry);
        }

        return figure;
    }

    private static bool IsApical(string column) => ColumnNames.TryNeuron(column, out var n) && n.Variable is "vA" or "vB" or "lat" or "uI";
}

namespace NeuroSim.Plotting.Recipes;

/// <summary>
/// What a run's protocol (epochs.csv) draws under the traces of a time window: stimulus epochs as tinted
/// bands, a drive as a band only on the panels of the neurons it drives (labelled with its pool, waveform
/// and amplitude), a block..unblock interval as a band, every other instantaneous event (lesion, prune,
/// set, ...) as a labelled vertical marker, and recording gaps in grey. Every tint drawn is in
/// <see cref="Legend"/>: the legend lists exactly what the panels show.
/// </summary>
public sealed class ProtocolShading
{
    public const string GapColor = "#9A9A9A";

    /// <summary>Instantaneous epochs that are bookkeeping of stimulus presentation, not manipulations: no marker.</summary>
    private static readonly HashSet<string> PresentationKinds = ["stimulus", "clamp-input", "clamp-output", "release-input", "release-output"];

    private static readonly string[] DriveColors = [Palette.Vermillion, Palette.Blue, Palette.Orange, Palette.SkyBlue, Palette.ReddishPurple, Palette.BluishGreen];

    private const string BlockColor = "#555555";

    private readonly TimeWindow window;
    private readonly List<Epoch> stimuli;
    private readonly List<string> stimulusLabels;
    private readonly List<(Epoch Epoch, string Label, string[] Targets)> drives;
    private readonly List<string> driveLabels;
    private readonly List<(double From, double To, string Label)> blocks = [];
    private readonly List<EventMarker> events = [];
    private readonly List<LegendEntry> legend = [];

    public ProtocolShading(TimeWindow window, IReadOnlyList<Epoch> epochs)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(epochs);
        this.window = window;
        var inside = epochs.Where(e => e.EndMs >= window.FromMs && e.StartMs <= window.ToMs).ToList();
        drives = [.. inside.Where(e => e.Kind.StartsWith("drive", StringComparison.Ordinal)).Select(e => (e, DriveLabel(e), DriveTargets(e.Label)))];
        driveLabels = [.. drives.Select(d => d.Label).Distinct()];
        stimuli = [.. inside.Where(e => e.EndMs > e.StartMs && !e.Kind.StartsWith("drive", StringComparison.Ordinal))];
        stimulusLabels = [.. stimuli.Select(LabelOf).Distinct()];
        FindBlocksAndEvents(epochs);
    }

    /// <summary>The legend of everything <see cref="LayersFor"/> has drawn so far, once per label (call it after building the panels).</summary>
    public IReadOnlyList<LegendEntry> Legend => legend;

    /// <summary>The layers under the traces of one neuron (null: a panel of no single neuron, which shows every drive).</summary>
    public IReadOnlyList<IPlotLayer> LayersFor(string? neuron)
    {
        var byLabel = stimulusLabels.Count <= Palette.Tints.Count;
        var bands = new List<ShadedWindow>();
        for (var k = 0; k < stimuli.Count; k++)
        {
            var label = byLabel ? LabelOf(stimuli[k]) : "stimulus epochs (alternating grey)";
            var color = byLabel ? Palette.Tint(stimulusLabels.IndexOf(label)) : k % 2 == 0 ? "#BBBBBB" : "#FFFFFF";
            bands.Add(new ShadedWindow(window.Display(stimuli[k].StartMs), window.Display(stimuli[k].EndMs), color));
            Note(label, byLabel ? color : "#BBBBBB");
        }

        var driven = new List<ShadedWindow>();
        foreach (var (epoch, label, targets) in drives.Where(d => neuron is null || Drives(d.Targets, neuron)))
        {
            var color = DriveColors[driveLabels.IndexOf(label) % DriveColors.Length];
            var end = epoch.EndMs > epoch.StartMs ? epoch.EndMs : window.ToMs;
            driven.Add(new ShadedWindow(window.Display(epoch.StartMs), window.Display(end), color));
            Note(label, color);
        }

        var blocked = blocks.Select(b => new ShadedWindow(window.Display(b.From), window.Display(b.To), BlockColor)).ToList();
        foreach (var block in blocks)
        {
            Note(block.Label, BlockColor);
        }

        var gaps = window.Gaps.Select(g => new ShadedWindow(window.Display(g.From), window.Display(g.To), GapColor)).ToList();
        if (gaps.Count > 0)
        {
            Note("not recorded", GapColor);
        }

        var layers = new List<IPlotLayer> { new ShadedWindows(bands, 0.28), new ShadedWindows(driven, 0.3), new ShadedWindows(blocked, 0.14), new ShadedWindows(gaps, 0.45) };
        if (events.Count > 0)
        {
            layers.Add(new EventMarkers(events));
            if (!legend.Any(e => e.Label == EventMarkers.LegendLabel))
            {
                legend.Add(new LegendEntry(EventMarkers.LegendLabel, Palette.Ink, LegendMark.DashedLine));
            }
        }

        return layers;
    }

    /// <summary>Times (ms) of the instantaneous manipulations of a protocol (lesion, prune, set, block, scale, ...), in order.</summary>
    public static IReadOnlyList<double> ManipulationTimes(IReadOnlyList<Epoch> epochs)
    {
        ArgumentNullException.ThrowIfNull(epochs);
        return [.. epochs.Where(IsManipulation).Select(e => e.StartMs).Order()];
    }

    private static bool IsManipulation(Epoch e) =>
        e.EndMs <= e.StartMs && !PresentationKinds.Contains(e.Kind) && !e.Kind.StartsWith("drive", StringComparison.Ordinal);

    /// <summary>Whether a drive's neuron selection ("all", "hidden", "hidden:3", "hidden:0-3") covers a neuron ("hidden:2").</summary>
    public static bool Drives(IReadOnlyList<string> targets, string neuron)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(neuron);
        var colon = neuron.LastIndexOf(':');
        var group = colon < 0 ? neuron : neuron[..colon];
        var index = colon < 0 || !int.TryParse(neuron.AsSpan(colon + 1), out var i) ? -1 : i;
        foreach (var target in targets)
        {
            var split = target.LastIndexOf(':');
            if (target == "all" || target == group || target == neuron)
            {
                return true;
            }

            if (split > 0 && target[..split] == group)
            {
                var range = target[(split + 1)..].Split('-');
                if (range.Length == 2 && int.TryParse(range[0], out var first) && int.TryParse(range[1], out var last) && index >= first && index <= last)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>"drive-I" + "step 1.5 into hidden:3" -> "I drive: step 1.5 into hidden:3" (pool, waveform, amplitude, neurons).</summary>
    private static string DriveLabel(Epoch epoch) => $"{epoch.Kind["drive-".Length..]} drive: {epoch.Label}";

    /// <summary>The neuron selection of a drive label ("... into hidden:3 out:0"), or "all" when the label names none.</summary>
    private static string[] DriveTargets(string label)
    {
        var into = label.LastIndexOf(" into ", StringComparison.Ordinal);
        return into < 0 ? ["all"] : label[(into + " into ".Length)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>
    /// Pairs each "block" ("plasticity x0 on all") with the next "scale" back to gain 1 of the same process and
    /// projections (the unblock) as a band; every other manipulation in the window becomes a labelled marker.
    /// </summary>
    private void FindBlocksAndEvents(IReadOnlyList<Epoch> epochs)
    {
        var instants = epochs.Where(IsManipulation).ToList();
        var unblocks = new HashSet<Epoch>();
        foreach (var block in instants.Where(e => e.Kind == "block"))
        {
            var target = block.Label.Replace(" x0 ", " x1 ", StringComparison.Ordinal);
            var unblock = instants.FirstOrDefault(e => e.StartMs >= block.StartMs && e.Kind is "scale" or "unblock" && e.Label == target && !unblocks.Contains(e));
            if (unblock is not null)
            {
                unblocks.Add(unblock);
            }

            var (from, to) = (Math.Max(block.StartMs, window.FromMs), Math.Min(unblock?.StartMs ?? window.ToMs, window.ToMs));
            if (to > from)
            {
                blocks.Add((from, to, $"blocked: {block.Label.Replace(" x0 ", " ", StringComparison.Ordinal)}"));
            }
        }

        foreach (var instant in instants.Where(e => e.Kind != "block" && !unblocks.Contains(e) && e.StartMs >= window.FromMs && e.StartMs <= window.ToMs))
        {
            events.Add(new EventMarker(window.Display(instant.StartMs), string.IsNullOrEmpty(instant.Label) ? instant.Kind : $"{instant.Kind} {instant.Label}"));
        }
    }

    private void Note(string label, string color)
    {
        if (!legend.Any(e => e.Label == label))
        {
            legend.Add(new LegendEntry(label, color, LegendMark.Swatch));
        }
    }

    private static string LabelOf(Epoch epoch) => string.IsNullOrEmpty(epoch.Label) ? epoch.Kind : epoch.Label;
}

using System.Text;

namespace NeuroSim.Plotting.Report;

/// <summary>
/// The protocol timeline of a run (epochs.csv): a strip with one lane per kind of epoch, a count per kind, and the
/// epochs themselves where they are few. A training protocol has thousands of identical <c>present</c> epochs, so only
/// the kinds that occur at most <see cref="RareCount"/> times (block, lesion, set, ...) are listed one by one then.
/// </summary>
internal static class TimelineSection
{
    /// <summary>Up to this many epochs in all, every one is listed.</summary>
    private const int ListAllUpTo = 30;

    /// <summary>A kind that occurs at most this often is listed epoch by epoch even in a long timeline.</summary>
    private const int RareCount = 10;

    public static void Add(HtmlPage page, IReadOnlyList<Epoch> epochs, string pagePath, string epochsPath, IEnumerable<string> protocolFiles)
    {
        page.Heading("timeline", "Protocol timeline");
        var sources = protocolFiles.Select(f => Html.Link(pagePath, f, "inputs/" + Path.GetFileName(f))).ToList();
        if (epochs.Count == 0)
        {
            page.Note("This run has no epochs.csv: its command records no protocol timeline.");
            return;
        }

        page.ParagraphHtml($"From {Html.Link(pagePath, epochsPath, "epochs.csv")}{(sources.Count > 0 ? $"; protocol as given: {string.Join(", ", sources)}" : string.Empty)}.");
        var kinds = epochs.GroupBy(e => e.Kind, StringComparer.Ordinal).ToList();
        page.Raw(Strip(epochs, kinds));
        page.Table("timeline-kinds", ["kind", "count", "first start (ms)", "last end (ms)"], kinds.Select(k => (IReadOnlyList<string>)
            [k.Key, Number(k.Count()), Number(k.Min(e => e.StartMs)), Number(k.Max(e => e.EndMs))]));

        var listed = epochs.Count <= ListAllUpTo ? epochs : [.. epochs.Where(e => kinds.First(k => k.Key == e.Kind).Count() <= RareCount)];
        if (listed.Count > 0)
        {
            page.Table("timeline-epochs", ["start (ms)", "end (ms)", "kind", "label"], listed.Select(e => (IReadOnlyList<string>)
                [Number(e.StartMs), Number(e.EndMs), e.Kind, e.Label]));
        }

        if (listed.Count < epochs.Count)
        {
            page.Note($"{epochs.Count - listed.Count} epochs of the kinds that occur more than {RareCount} times are counted above, not listed; all are in epochs.csv.");
        }
    }

    /// <summary>An inline SVG: time runs left to right, one lane per kind; an instantaneous event is a vertical line.</summary>
    private static string Strip(IReadOnlyList<Epoch> epochs, List<IGrouping<string, Epoch>> kinds)
    {
        const double StripWidth = 1000;
        const double LaneHeight = 18;
        const double LabelWidth = 110;
        var start = epochs.Min(e => e.StartMs);
        var end = Math.Max(epochs.Max(e => e.EndMs), start + 1);
        double X(double ms) => LabelWidth + ((StripWidth - LabelWidth - 10) * (ms - start) / (end - start));
        var height = (LaneHeight * kinds.Count) + 24;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg id=\"timeline-strip\" viewBox=\"0 0 {StripWidth} {height}\" width=\"100%\" role=\"img\" aria-label=\"protocol timeline\" xmlns=\"http://www.w3.org/2000/svg\" font-size=\"11\">");
        for (var lane = 0; lane < kinds.Count; lane++)
        {
            var y = LaneHeight * lane;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{y + 13}\">{Html.Text(kinds[lane].Key)}</text>");
            foreach (var e in kinds[lane])
            {
                svg.Append(e.EndMs > e.StartMs
                    ? string.Create(CultureInfo.InvariantCulture, $"<rect x=\"{X(e.StartMs):0.##}\" y=\"{y + 3}\" width=\"{Math.Max(X(e.EndMs) - X(e.StartMs), 0.5):0.##}\" height=\"{LaneHeight - 6}\" fill=\"#4c78a8\" fill-opacity=\"0.6\"/>")
                    : string.Create(CultureInfo.InvariantCulture, $"<line x1=\"{X(e.StartMs):0.##}\" x2=\"{X(e.StartMs):0.##}\" y1=\"{y + 1}\" y2=\"{y + LaneHeight - 1}\" stroke=\"#e45756\"/>"));
            }
        }

        var axis = LaneHeight * kinds.Count;
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{LabelWidth}\" x2=\"{StripWidth - 10}\" y1=\"{axis + 2}\" y2=\"{axis + 2}\" stroke=\"#888\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth}\" y=\"{axis + 16}\">{Html.Text(Number(start))} ms</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{StripWidth - 10}\" y=\"{axis + 16}\" text-anchor=\"end\">{Html.Text(Number(end))} ms</text>");
        return svg.Append("</svg>").ToString();
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

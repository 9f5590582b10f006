using System.Globalization;
using System.Text;
using System.Xml.Linq;

namespace NeuroSim.Plotting.Svg;

/// <summary>
/// Builds an SVG document with System.Xml.Linq (so the output is always well-formed XML and text is
/// escaped). Numbers are written in the invariant culture with two decimals at most.
/// </summary>
public sealed class SvgCanvas
{
    public static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    /// <summary>Fonts that render the same on Linux (DejaVu), macOS and Windows.</summary>
    public const string FontFamily = "DejaVu Sans, Verdana, Arial, Helvetica, sans-serif";

    private int nextId;

    public SvgCanvas(double width, double height)
    {
        Width = width;
        Height = height;
        Root = new XElement(
            Ns + "svg",
            new XAttribute("width", Num(width)),
            new XAttribute("height", Num(height)),
            new XAttribute("viewBox", $"0 0 {Num(width)} {Num(height)}"),
            new XAttribute("font-family", FontFamily),
            new XAttribute("font-size", "12"));
        Definitions = new XElement(Ns + "defs");
        Root.Add(Definitions);
        Root.Add(new XElement(Ns + "rect", new XAttribute("width", "100%"), new XAttribute("height", "100%"), new XAttribute("fill", "white")));
    }

    public double Width { get; }

    public double Height { get; }

    public XElement Root { get; }

    public XElement Definitions { get; }

    /// <summary>"1.5", "-3", "0": at most two decimals, invariant culture, no "-0".</summary>
    public static string Num(double value)
    {
        var rounded = Math.Round(value, 2);
        return rounded == 0 ? "0" : rounded.ToString("0.##", CultureInfo.InvariantCulture);
    }

    public string NewId(string prefix) => $"{prefix}{++nextId}";

    public XDocument ToDocument() => new(new XDeclaration("1.0", "utf-8", null), Root);

    /// <summary>A clip path of the given rectangle; returns its url() reference.</summary>
    public string ClipRect(double x, double y, double width, double height)
    {
        var id = NewId("clip");
        Definitions.Add(new XElement(Ns + "clipPath", new XAttribute("id", id), Rect(x, y, width, height)));
        return $"url(#{id})";
    }

    public static XElement Group(params object[] content) => new(Ns + "g", content);

    public static XElement Rect(double x, double y, double width, double height, string? fill = null, string? stroke = null, double strokeWidth = 1) =>
        new(
            Ns + "rect",
            new XAttribute("x", Num(x)),
            new XAttribute("y", Num(y)),
            new XAttribute("width", Num(Math.Max(0, width))),
            new XAttribute("height", Num(Math.Max(0, height))),
            fill is null ? null : new XAttribute("fill", fill),
            stroke is null ? null : new XAttribute("stroke", stroke),
            stroke is null ? null : new XAttribute("stroke-width", Num(strokeWidth)));

    public static XElement Line(double x1, double y1, double x2, double y2, string stroke, double strokeWidth = 1, string? dash = null) =>
        new(
            Ns + "line",
            new XAttribute("x1", Num(x1)),
            new XAttribute("y1", Num(y1)),
            new XAttribute("x2", Num(x2)),
            new XAttribute("y2", Num(y2)),
            new XAttribute("stroke", stroke),
            new XAttribute("stroke-width", Num(strokeWidth)),
            dash is null ? null : new XAttribute("stroke-dasharray", dash));

    public static XElement Path(string data, string stroke, double strokeWidth, string fill = "none") =>
        new(
            Ns + "path",
            new XAttribute("d", data),
            new XAttribute("fill", fill),
            new XAttribute("stroke", stroke),
            new XAttribute("stroke-width", Num(strokeWidth)),
            new XAttribute("stroke-linejoin", "round"),
            new XAttribute("stroke-linecap", "round"));

    public static XElement Circle(double cx, double cy, double r, string fill, string? stroke = null) =>
        new(
            Ns + "circle",
            new XAttribute("cx", Num(cx)),
            new XAttribute("cy", Num(cy)),
            new XAttribute("r", Num(r)),
            new XAttribute("fill", fill),
            stroke is null ? null : new XAttribute("stroke", stroke));

    /// <summary>Real SVG text. <paramref name="anchor"/>: start, middle or end; <paramref name="rotate"/> in degrees about (x, y).</summary>
    public static XElement Text(double x, double y, string text, double size = 12, string anchor = "start", string fill = "#222222", string? weight = null, double rotate = 0, string? baseline = null) =>
        new(
            Ns + "text",
            new XAttribute("x", Num(x)),
            new XAttribute("y", Num(y)),
            new XAttribute("font-size", Num(size)),
            new XAttribute("text-anchor", anchor),
            new XAttribute("fill", fill),
            weight is null ? null : new XAttribute("font-weight", weight),
            baseline is null ? null : new XAttribute("dominant-baseline", baseline),
            rotate == 0 ? null : new XAttribute("transform", $"rotate({Num(rotate)} {Num(x)} {Num(y)})"),
            text);

    /// <summary>Approximate width of text in the fonts above (DejaVu Sans averages about 0.6 em per character).</summary>
    public static double TextWidth(string text, double size) => text.Length * size * 0.6;

    /// <summary>Pixels: points of a polyline closer than this to the previous point drawn are left out.</summary>
    public const double DropDistance = 0.4;

    /// <summary>Path coordinates: one decimal (a tenth of a pixel).</summary>
    private static string Coordinate(double value)
    {
        var rounded = Math.Round(value, 1);
        return rounded == 0 ? "0" : rounded.ToString("0.#", CultureInfo.InvariantCulture);
    }

    /// <summary>Path data of polylines through (x, y) pixel points; a non-finite point breaks the line.</summary>
    public static string PolylineData(IReadOnlyList<double> xs, IReadOnlyList<double> ys)
    {
        ArgumentNullException.ThrowIfNull(xs);
        ArgumentNullException.ThrowIfNull(ys);
        var data = new StringBuilder();
        var pen = false;
        double lastX = double.NaN, lastY = double.NaN;
        for (var k = 0; k < xs.Count; k++)
        {
            if (!double.IsFinite(xs[k]) || !double.IsFinite(ys[k]))
            {
                pen = false;
                continue;
            }

            // A point closer than DropDistance pixels to the last one drawn adds nothing visible (dense
            // traces have several samples per pixel); the last point of a piece is always kept.
            var lastOfPiece = k + 1 >= xs.Count || !double.IsFinite(xs[k + 1]) || !double.IsFinite(ys[k + 1]);
            if (pen && !lastOfPiece && Math.Abs(xs[k] - lastX) < DropDistance && Math.Abs(ys[k] - lastY) < DropDistance)
            {
                continue;
            }

            data.Append(pen ? 'L' : 'M').Append(Coordinate(xs[k])).Append(',').Append(Coordinate(ys[k]));
            (lastX, lastY) = (xs[k], ys[k]);
            pen = true;
        }

        return data.ToString();
    }
}

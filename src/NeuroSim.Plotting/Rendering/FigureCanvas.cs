using ScottPlot;
using Palette = NeuroSim.Plotting.Layout.Palette;
using SkiaSharp;

namespace NeuroSim.Plotting.Rendering;

/// <summary>
/// Draws a <see cref="Figure"/> onto a Skia canvas: its ScottPlot subplots, plus what ScottPlot has no
/// figure-level element for (a title and subtitle over all panels, a legend shared by all panels, a
/// footnote). The same drawing goes to a bitmap (PNG) and to an <see cref="SKSvgCanvas"/> (SVG).
/// </summary>
public static class FigureCanvas
{
    /// <summary>PNG pixels per figure unit: figures are laid out for screen size and rasterised at 2x.</summary>
    public const float PngScale = 2;

    private const float Margin = 16, TitleSize = 16, SubtitleSize = 12, LegendSize = 12, FootnoteSize = 11;

    /// <summary>The PNG bytes of a figure: the same figure always gives the same bytes.</summary>
    public static byte[] Png(Figure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        var (width, height) = figure.PixelSize;
        var info = new SKImageInfo((int)(width * PngScale), (int)(height * PngScale), SKColorType.Rgba8888, SKAlphaType.Premul);
        using var surface = SKSurface.Create(info) ?? throw new InvalidOperationException($"SkiaSharp could not create a {info.Width} x {info.Height} bitmap");
        surface.Canvas.Scale(PngScale);
        Draw(figure, surface.Canvas);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>The SVG text of a figure (text as text, in DejaVu Sans).</summary>
    public static string Svg(Figure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        var (width, height) = figure.PixelSize;
        using var stream = new MemoryStream();
        using (var canvas = SKSvgCanvas.Create(new SKRect(0, 0, width, height), stream))
        {
            Draw(figure, canvas);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Draws the whole figure; returns the ScottPlot model that was drawn (for tests).</summary>
    public static Multiplot Draw(Figure figure, SKCanvas canvas)
    {
        ArgumentNullException.ThrowIfNull(figure);
        ArgumentNullException.ThrowIfNull(canvas);
        EmbeddedFonts.EnsureRegistered();
        var (width, height) = figure.PixelSize;
        canvas.Clear(SKColors.White);
        var header = Header(figure, width);
        var footnote = figure.Footnote is null ? [] : Wrap(figure.Footnote, FootnoteSize, width - (2 * Margin));
        var footerHeight = footnote.Count == 0 ? 0 : (footnote.Count * 15) + 6;
        var multiplot = figure.ToMultiplot(header.Height, footerHeight);
        var rectangles = multiplot.Layout.GetSubplotRectangles(multiplot.Subplots, new PixelRect(0, width, height, 0));
        var plots = multiplot.GetPlots();
        for (var k = 0; k < plots.Length; k++)
        {
            // Multiplot.Render would clear the canvas to transparent first: draw each subplot instead.
            plots[k].RenderManager.ClearCanvasBeforeEachRender = false;
            plots[k].Render(canvas, rectangles[k]);
        }

        foreach (var (text, x, y, size, bold, color) in header.Texts)
        {
            DrawText(canvas, text, x, y, size, bold, color);
        }

        foreach (var (entry, x, y) in header.LegendMarks)
        {
            DrawMark(canvas, entry, x, y);
        }

        for (var k = 0; k < footnote.Count; k++)
        {
            DrawText(canvas, footnote[k], Margin, height - 10 - (15 * (footnote.Count - 1 - k)), FootnoteSize, false, Palette.Muted);
        }

        return multiplot;
    }

    private sealed record HeaderLayout(float Height, List<(string Text, float X, float Y, float Size, bool Bold, string Color)> Texts, List<(LegendEntry Entry, float X, float Y)> LegendMarks);

    private static HeaderLayout Header(Figure figure, float width)
    {
        var texts = new List<(string, float, float, float, bool, string)>();
        var marks = new List<(LegendEntry, float, float)>();
        var top = 4f;
        if (figure.Title is not null)
        {
            top += 20;
            texts.Add((figure.Title, Margin, top, TitleSize, true, Palette.Ink));
            top += 4;
        }

        if (figure.Subtitle is not null)
        {
            foreach (var line in Wrap(figure.Subtitle, SubtitleSize, width - (2 * Margin)))
            {
                top += 15;
                texts.Add((line, Margin, top, SubtitleSize, false, Palette.Muted));
            }

            top += 8;
        }

        if (figure.HeaderLegend.Count > 0)
        {
            var x = Margin;
            var y = top + 14;
            foreach (var entry in figure.HeaderLegend)
            {
                var entryWidth = 26 + Measure(entry.Label, LegendSize, false) + 18;
                if (x + entryWidth > width - Margin && x > Margin)
                {
                    x = Margin;
                    y += 18;
                }

                marks.Add((entry, x, y));
                texts.Add((entry.Label, x + 24, y + (LegendSize * 0.35f), LegendSize, false, Palette.Ink));
                x += entryWidth;
            }

            top = y + 14;
        }

        return new HeaderLayout(top, texts, marks);
    }

    private static void DrawMark(SKCanvas canvas, LegendEntry entry, float x, float cy)
    {
        using var paint = new SKPaint { IsAntialias = true, Color = SKColor.Parse(entry.Color) };
        switch (entry.Mark)
        {
            case LegendMark.Swatch:
                paint.Color = paint.Color.WithAlpha(153);
                canvas.DrawRect(x, cy - 5, 18, 10, paint);
                break;
            case LegendMark.Dot:
                canvas.DrawCircle(x + 9, cy, 4, paint);
                break;
            default:
                paint.Style = SKPaintStyle.Stroke;
                paint.StrokeWidth = 2.2f;
                using (var dash = entry.Mark == LegendMark.DashedLine ? SKPathEffect.CreateDash([4, 3], 0) : null)
                {
                    paint.PathEffect = dash;
                    canvas.DrawLine(x, cy, x + 18, cy, paint);
                }

                break;
        }
    }

    private static void DrawText(SKCanvas canvas, string text, float x, float y, float size, bool bold, string color)
    {
        using var font = new SKFont(bold ? EmbeddedFonts.Bold : EmbeddedFonts.Regular, size);
        using var paint = new SKPaint { IsAntialias = true, Color = SKColor.Parse(color) };
        canvas.DrawText(text, x, y, SKTextAlign.Left, font, paint);
    }

    private static float Measure(string text, float size, bool bold)
    {
        using var font = new SKFont(bold ? EmbeddedFonts.Bold : EmbeddedFonts.Regular, size);
        return font.MeasureText(text);
    }

    /// <summary>Breaks text into lines no wider than <paramref name="width"/> (measured with the embedded font).</summary>
    private static List<string> Wrap(string text, float size, float width)
    {
        var lines = new List<string>();
        var line = string.Empty;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (line.Length > 0 && Measure(candidate, size, false) > width)
            {
                lines.Add(line);
                line = word;
            }
            else
            {
                line = candidate;
            }
        }

        if (line.Length > 0)
        {
            lines.Add(line);
        }

        return lines;
    }
}

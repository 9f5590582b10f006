using System.Text;

namespace NeuroSim.Plotting.Rendering;

/// <summary>Writes a figure as PNG and SVG side by side, each atomically (temporary file, then rename).</summary>
public static class FigureFile
{
    /// <summary>
    /// Writes NAME.png and NAME.svg for <paramref name="path"/> (its extension, if any, is replaced),
    /// creating the folder. Returns the two paths.
    /// </summary>
    public static (string Png, string Svg) Write(Figure figure, string path)
    {
        ArgumentNullException.ThrowIfNull(figure);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full) ?? throw new ArgumentException($"'{path}' has no folder"));
        var png = Path.ChangeExtension(full, ".png");
        var svg = Path.ChangeExtension(full, ".svg");
        var pngBytes = FigureCanvas.Png(figure);
        AtomicFile.Write(png, stream => stream.Write(pngBytes));
        var svgBytes = new UTF8Encoding(false).GetBytes(FigureCanvas.Svg(figure));
        AtomicFile.Write(svg, stream => stream.Write(svgBytes));
        return (png, svg);
    }
}

using System.Reflection;
using ScottPlot;
using SkiaSharp;

namespace NeuroSim.Plotting.Rendering;

/// <summary>
/// DejaVu Sans (regular and bold), shipped inside this assembly. ScottPlot looks fonts up by scanning
/// system folders and silently draws no text when it finds none (a fresh container has none), so every
/// figure uses these typefaces, registered once before the first plot.
/// </summary>
public static class EmbeddedFonts
{
    public const string Family = "DejaVu Sans";

    private static readonly Lazy<(SKTypeface Regular, SKTypeface Bold)> Typefaces = new(Register);

    public static SKTypeface Regular => Typefaces.Value.Regular;

    public static SKTypeface Bold => Typefaces.Value.Bold;

    /// <summary>Registers the typefaces with ScottPlot (idempotent, thread-safe).</summary>
    public static void EnsureRegistered() => _ = Typefaces.Value;

    private static (SKTypeface, SKTypeface) Register()
    {
        var regular = Load("DejaVuSans.ttf");
        var bold = Load("DejaVuSans-Bold.ttf");
        Fonts.FontResolvers.Insert(0, new Resolver(regular, bold));
        Fonts.Default = Family;
        Fonts.Sans = Family;
        return (regular, bold);
    }

    /// <summary>Loads a typeface and fails loudly when it would draw nothing (no glyph for plain text).</summary>
    private static SKTypeface Load(string file)
    {
        var name = $"NeuroSim.Plotting.Fonts.{file}";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded font '{name}' is missing from {Assembly.GetExecutingAssembly().GetName().Name}");
        using var data = SKData.Create(stream);
        var typeface = SKTypeface.FromData(data)
            ?? throw new InvalidOperationException($"embedded font '{name}' could not be read by SkiaSharp");
        using var font = new SKFont(typeface);
        if (typeface.GlyphCount == 0 || font.GetGlyphs("Aa0.-")!.Any(g => g == 0))
        {
            throw new InvalidOperationException($"embedded font '{name}' resolves with no glyphs: figures would have no text");
        }

        return typeface;
    }

    /// <summary>
    /// Answers every ScottPlot font request with the embedded typefaces, whatever family a style names,
    /// so no label can fall back to a system font that a machine may not have.
    /// </summary>
    private sealed class Resolver(SKTypeface regular, SKTypeface bold) : IFontResolver
    {
        public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing spacing) =>
            CreateTypeface(fontName, weight >= FontWeight.SemiBold, slant != FontSlant.Upright);

        // SKTypeface instances are shared: ScottPlot caches and reuses what a resolver returns.
        public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) => bold ? Bold : Regular;

        private SKTypeface Regular { get; } = regular;

        private SKTypeface Bold { get; } = bold;
    }
}

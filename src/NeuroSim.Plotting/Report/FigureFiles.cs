namespace NeuroSim.Plotting.Report;

/// <summary>
/// The figure files of a run or sweep folder, one per figure: a figure written as both PNG and SVG is taken as PNG
/// (smaller to embed, drawn the same in every browser), one written as SVG only as SVG.
/// </summary>
internal static class FigureFiles
{
    /// <summary>The folders that hold figures: <c>plots/</c> (neurosim plot, demo) and <c>figures/</c> (sweep).</summary>
    private static readonly string[] Folders = ["plots", "figures"];

    /// <summary>The figures under <paramref name="folder"/>, sorted by their path within it.</summary>
    public static IReadOnlyList<string> Find(string folder)
    {
        var figures = new List<string>();
        foreach (var sub in Folders.Select(name => Path.Combine(folder, name)).Where(Directory.Exists))
        {
            var files = Directory.GetFiles(sub).Where(f => !Path.GetFileName(f).StartsWith('.')).ToList();
            var pngStems = files.Where(f => IsKind(f, ".png")).Select(StemOf).ToHashSet(StringComparer.Ordinal);
            figures.AddRange(files.Where(f => IsKind(f, ".png") || (IsKind(f, ".svg") && !pngStems.Contains(StemOf(f)))));
        }

        return [.. figures.Order(StringComparer.Ordinal)];
    }

    /// <summary>The file as a data: URI (base64), to embed in an img element.</summary>
    public static string DataUri(string path)
    {
        var type = IsKind(path, ".png") ? "image/png" : "image/svg+xml";
        return $"data:{type};base64,{Convert.ToBase64String(File.ReadAllBytes(path))}";
    }

    private static bool IsKind(string path, string extension) =>
        Path.GetExtension(path).Equals(extension, StringComparison.OrdinalIgnoreCase);

    private static string StemOf(string path) => Path.Combine(Path.GetDirectoryName(path)!, Path.GetFileNameWithoutExtension(path));
}

using NeuroSim.Plotting.Rendering;

namespace NeuroSim.Analysis.Predictions;

internal static class PredictionFigures
{
    /// <summary>Writes <paramref name="figure"/> to figures/<paramref name="file"/> of the output folder (and a PNG when asked); returns that path relative to the output folder, as the report lists it.</summary>
    public static string Save(PredictionContext context, Figure figure, string file)
    {
        var folder = Path.Combine(context.OutputFolder, "figures");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, file);
        FigureFile.Write(figure, path);

        return Path.GetRelativePath(context.OutputFolder, path);
    }
}

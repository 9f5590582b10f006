using NeuroSim.Plotting.Layout;
using NeuroSim.Plotting.Svg;

namespace NeuroSim.Analysis.Predictions;

internal static class PredictionFigures
{
    public static void Save(Figure figure, string path, bool png)
    {
        SvgFile.Write(figure.Render(), path);
        if (png)
        {
            SvgFile.TryConvertToPng(path);
        }
    }
}

using NeuroSim.Cli;
using NeuroSim.Plotting.Layout;
using NeuroSim.Plotting.Rendering;

namespace NeuroSim.Tests.Plotting;

/// <summary>One small demo run folder (3 epochs, about 1 s) shared by the figure tests, plus a synthetic one.</summary>
public sealed class DemoRunFixture : IDisposable
{
    public DemoRunFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), $"neurosim-plot-test-{Guid.NewGuid():N}");
        DemoRun = Path.Combine(Root, "demo");
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CliApp.Run(["demo", "--out", DemoRun, "--epochs", "3"], output, error);
        if (code != 0)
        {
            throw new InvalidOperationException($"demo failed: {error}");
        }

        SyntheticRunPath = SyntheticRun.Write(Path.Combine(Root, "synthetic"));
        ConstantRunPath = SyntheticRun.Write(Path.Combine(Root, "constant"), constant: true);
    }

    public string Root { get; }

    public string DemoRun { get; }

    public string SyntheticRunPath { get; }

    public string ConstantRunPath { get; }

    /// <summary>
    /// Draws a figure into its ScottPlot model and PNG. With NEUROSIM_PLOTS=1 the figure is also written to
    /// TestResults/plots/NAME.png and .svg (beside the TRX log) for a look; otherwise nothing is written.
    /// </summary>
    public static FigureModel Render(Figure figure, string name)
    {
        ArgumentNullException.ThrowIfNull(figure);
        if (Environment.GetEnvironmentVariable("NEUROSIM_PLOTS") == "1")
        {
            FigureFile.Write(figure, Path.Combine(RepositoryRoot(), "TestResults", "plots", name + ".png"));
        }

        return new FigureModel(figure);
    }

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "NeuroSim.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? Path.GetTempPath();
    }
}

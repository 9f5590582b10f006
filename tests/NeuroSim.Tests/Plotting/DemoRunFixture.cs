using System.Xml.Linq;
using NeuroSim.Cli;
using NeuroSim.Plotting.Layout;
using NeuroSim.Plotting.Svg;

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
    /// Renders a figure and parses the text again. With NEUROSIM_PLOTS=1 the figure is also written to
    /// TestResults/plots/NAME.svg (beside the TRX log) for a look; otherwise nothing is written.
    /// </summary>
    public static XDocument Render(Figure figure, string name)
    {
        ArgumentNullException.ThrowIfNull(figure);
        var document = figure.Render();
        if (Environment.GetEnvironmentVariable("NEUROSIM_PLOTS") == "1")
        {
            SvgFile.Write(document, Path.Combine(RepositoryRoot(), "TestResults", "plots", name + ".svg"));
        }

        return XDocument.Parse(document.ToString());
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

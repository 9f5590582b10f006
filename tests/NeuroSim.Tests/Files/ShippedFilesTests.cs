using NeuroSim.Experiments;
using NeuroSim.Experiments.Sweeps;
using NeuroSim.Models.Families;
using NeuroSim.Models.Protocols;

namespace NeuroSim.Tests.Files;

/// <summary>Every model, protocol and sweep file shipped in the repository loads and runs.</summary>
public sealed class ShippedFilesTests
{
    /// <summary>protocols/*.yaml and the predictions' protocols (protocols/predictions/, without their sweep files), relative to protocols/.</summary>
    public static TheoryData<string> Protocols =>
        [.. Directory.GetFiles(Path.Combine(CliRunner.RepositoryRoot(), "protocols"), "*.yaml", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".sweep.yaml", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(Path.Combine(CliRunner.RepositoryRoot(), "protocols"), f).Replace('\\', '/')).Order(StringComparer.Ordinal)];

    /// <summary>sweeps/*.yaml and protocols/predictions/*.sweep.yaml, relative to the repository.</summary>
    public static TheoryData<string> Sweeps =>
        [.. Directory.GetFiles(Path.Combine(CliRunner.RepositoryRoot(), "sweeps"), "*.yaml")
            .Concat(Directory.GetFiles(Path.Combine(CliRunner.RepositoryRoot(), "protocols", "predictions"), "*.sweep.yaml"))
            .Select(f => Path.GetRelativePath(CliRunner.RepositoryRoot(), f).Replace('\\', '/')).Order(StringComparer.Ordinal)];

    public static TheoryData<string> Models =>
        [.. Directory.GetFiles(Path.Combine(CliRunner.RepositoryRoot(), "models"), "*.yaml").Select(Path.GetFileName).OfType<string>().Order()];

    [Theory]
    [MemberData(nameof(Protocols))]
    public void Shipped_protocol_runs_with_its_model_for_a_short_time(string protocol)
    {
        var path = Path.Combine(CliRunner.RepositoryRoot(), "protocols", protocol);
        var model = ProtocolFile.IntendedModel(path);
        Assert.NotNull(model);
        using var temp = new TempFolder();
        var outDir = temp.Combine("run");
        CliRunner.Succeeds("run", model, path, "--out", outDir, "--until", "300 ms");
        using var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "manifest.json")));
        Assert.StartsWith("complete", manifest.RootElement.GetProperty("status").GetString(), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(outDir, "epochs.csv")));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(outDir, "weights")));
    }

    [Theory]
    [MemberData(nameof(Sweeps))]
    public void Shipped_sweep_file_loads_and_every_grid_point_builds(string sweep)
    {
        var plan = new SweepPlan(SweepFile.Load(Path.Combine(CliRunner.RepositoryRoot(), sweep)));
        using var temp = new TempFolder();
        foreach (var run in plan.Runs.Where(r => r.Seed == plan.Spec.Seeds[0]))
        {
            Assert.NotNull(ExperimentRunner.Prepare(plan.Request(run, temp.Combine("unused"))));
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Shipped_model_loads_with_a_citation_and_runs_for_a_short_time(string model)
    {
        var path = Path.Combine(CliRunner.RepositoryRoot(), "models", model);
        var (family, definition) = ModelFamilies.Standard.Load(path);
        Assert.False(string.IsNullOrWhiteSpace(definition.Citation));
        using var temp = new TempFolder();
        var variables = family.Kind == "microcircuit" ? "[r]" : "[x, c]";
        var protocol = temp.File("protocol.yaml", $"name: short\ntimeline:\n  - run: 50 ms\nmonitors:\n  - {{name: all, variables: {variables}, neurons: [all], every: 10 ms}}\n");
        CliRunner.Succeeds("run", path, protocol, "--out", temp.Combine("run"));
        // Header, then t = 0, 10, ..., 50 ms; adiabatic mode jumps over the 50 ms and samples once at its end.
        var rows = definition.Scheduler.Mode == NeuroSim.Core.Scheduling.SchedulerMode.Adiabatic ? 2 : 6;
        Assert.Equal(1 + rows, File.ReadAllLines(temp.Combine("run", "monitors", "all.csv")).Length);
    }
}

using NeuroSim.Experiments.Sweeps;

namespace NeuroSim.Tests.Sweeps;

/// <summary>
/// `neurosim separation` is the shipped sweep file sweeps/separation.yaml: its timescales come from the model's own
/// firing time constant, and it runs on a user's model with --model.
/// </summary>
public sealed class SeparationStudyTests
{
    // A user's model: firing 4 ms (not the shipped 10 ms), its own step and learning rate.
    private const string UsersModel = """
        name: mine
        network:
          groups: [{name: a, size: 3}, {name: b, size: 5}, {name: c, size: 2}]
          projections:
            - {from: a, to: b, weights: {distribution: normal, gain: 1.2}}
            - {from: b, to: c, weights: {distribution: normal, gain: 1.2}}
        neurons: {activation: tanh}
        timescales: {firing: 4 ms, credit: 40 ms, plasticity: 400 ms}
        learning_rate: 0.0002
        clamps: {input: [a], output: [c], output_mode: replace}
        scheduler:
          mode: multirate
          dt: 0.5 ms
          processes:
            firing: {integrator: rk4, every: 0.5 ms}
            credit: {integrator: rk4, every: 0.5 ms}
            plasticity: {integrator: euler, every: 0.5 ms}
        seed: 3
        """;

    [Fact]
    public void The_shipped_grid_sets_credit_and_plasticity_from_the_models_own_firing_time_constant()
    {
        var shipped = Path.Combine(CliRunner.RepositoryRoot(), "sweeps", "separation.yaml");
        var plan = new SweepPlan(SweepFile.Load(shipped));
        Assert.Equal(36, plan.Points);
        Assert.Equal(8, plan.Spec.Seeds.Count);

        using var temp = new TempFolder();
        var mine = new SweepPlan(SweepFile.Load(shipped, temp.File("mine.yaml", UsersModel)));
        Assert.Equal(4.0, mine.Spec.BaseValues["timescales.firing"]);
        foreach (var (runs, tauX, dt) in new[] { (plan, 10.0, 1.0), (mine, 4.0, 0.5) })
        {
            foreach (var run in runs.Runs.Where(r => r.Seed == 1))
            {
                var (eps1, eps2) = (run.Values[0].Number, run.Values[1].Number);
                // Derived values are kept to 12 significant digits (docs/sweeps.md).
                Assert.Equal(tauX / eps1, run.Values[2].Number, tauX / eps1 * 1e-11);
                Assert.Equal(tauX / eps1 / eps2, run.Values[3].Number, tauX / eps1 / eps2 * 1e-11);

                // The presentation: the plasticity window in whole steps of the model's dt.
                Assert.Equal(Math.Max(1, Math.Round(tauX / eps1 / eps2 / dt, MidpointRounding.AwayFromZero)) * dt, run.Values[4].Number, 9);
            }
        }
    }

    [Trait("Speed", "Slow")]
    [Fact]
    public void On_a_users_model_the_deviation_falls_in_proportion_to_eps2_and_the_limit_is_stated_in_its_units()
    {
        using var temp = new TempFolder();
        var model = temp.File("mine.yaml", UsersModel);
        var sweep = File.ReadAllText(Path.Combine(CliRunner.RepositoryRoot(), "sweeps", "separation.yaml"))
            .Replace("eps1: [1, 0.3, 0.1, 0.03, 0.01, 0.003]", "eps1: [0.1]", StringComparison.Ordinal)
            .Replace("eps2: [1, 0.3, 0.1, 0.03, 0.01, 0.003]", "eps2: [0.3, 0.03, 0.003]", StringComparison.Ordinal)
            .Replace("seeds: 8", "seeds: 2", StringComparison.Ordinal)
            .Replace("../models/", Path.Combine(CliRunner.RepositoryRoot(), "models") + "/", StringComparison.Ordinal)
            .Replace("../protocols/", Path.Combine(CliRunner.RepositoryRoot(), "protocols") + "/", StringComparison.Ordinal);
        var path = temp.File("separation.yaml", sweep);
        var (code, _, stderr) = CliRunner.Run("sweep", path, "--model", model, "--out", temp.Combine("out"));
        Assert.True(code == 0, stderr);

        var (header, rows) = CsvFiles.ReadCells(temp.Combine("out", "sweep.csv"));
        var column = Array.IndexOf(header, "bp_deviation");
        var means = rows.GroupBy(r => r[1]).Select(g => g.Average(r => double.Parse(r[column], CultureInfo.InvariantCulture))).ToArray();
        Assert.Equal(3, means.Length);

        // The credit misses the part of the window in which it was still building up: a fraction of order tau_c / T = eps2,
        // so a decade of eps2 is a decade of deviation once eps2 is small (at 0.3 the window is not yet long against tau_c).
        var slopes = Enumerable.Range(1, means.Length - 1).Select(k => Math.Log10(means[k - 1] / means[k])).ToArray();
        Assert.InRange(slopes[^1], 0.9, 1.1);
        Assert.InRange(slopes[0], 0.6, 1.1);

        // At eps2 = 0.3 the deviation is far above 5%, at 0.003 far below: the limit lies between, in the model's ms.
        var summary = File.ReadAllText(temp.Combine("out", "summary.md"));
        Assert.Contains("met from 0.03 (timescales.credit = 40 ms, timescales.plasticity = 1333.33 ms, protocol.timeline[2].run = 1333.5 ms) on, not at 0.3 (timescales.credit = 40 ms, timescales.plasticity = 133.333 ms, protocol.timeline[2].run = 133.5 ms)", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mistyped_model_is_refused_in_one_line_before_anything_is_written()
    {
        using var temp = new TempFolder();
        var (code, stdout, stderr) = CliRunner.Run("separation", "--model", temp.Combine("nope.yaml"), "--out", temp.Combine("out"));
        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Equal($"neurosim: error: --model: no file '{temp.Combine("nope.yaml")}'", stderr.Trim());
        Assert.False(Directory.Exists(temp.Combine("out")));
    }

    [Fact]
    public void A_name_that_is_neither_swept_nor_in_the_model_is_refused_at_its_position()
    {
        using var temp = new TempFolder();
        var path = SweepTests.Files(temp, """
            name: bad
            model: model.yaml
            protocol: protocol.yaml
            variables:
              eps: [0.1]
            derived:
              timescales.credit: "{timescales.firng} / {eps} ms"
            metrics:
              final_loss: {monitor: loss, column: loss, stat: last}
            """);
        var error = Assert.Throws<NeuroSim.Files.Yaml.SpecException>(() => SweepFile.Load(path));
        Assert.Equal($"{path}:7:22: derived.timescales.credit: unknown name '{{timescales.firng}}': not swept ({{eps}}), and no number or duration at 'timescales.firng' in {temp.Combine("model.yaml")}", error.Message);
    }

    [Fact]
    public void A_clamp_that_names_no_group_clamps_the_models_one_input_or_output_group()
    {
        using var temp = new TempFolder();
        var model = temp.File("mine.yaml", UsersModel);
        var implicitGroups = File.ReadAllText(Path.Combine(CliRunner.RepositoryRoot(), "protocols", "separation-probe.yaml")).Replace("run: 1 s", "run: 20 ms", StringComparison.Ordinal);
        var explicitGroups = implicitGroups
            .Replace("clamp_input: {values:", "clamp_input: {group: a, values:", StringComparison.Ordinal)
            .Replace("clamp_output: {target:", "clamp_output: {group: c, target:", StringComparison.Ordinal);
        Assert.NotEqual(implicitGroups, explicitGroups);
        foreach (var (name, text) in new[] { ("implicit", implicitGroups), ("explicit", explicitGroups) })
        {
            var (code, _, stderr) = CliRunner.Run("run", model, temp.File(name + ".yaml", text), "--out", temp.Combine(name));
            Assert.True(code == 0, stderr);
        }

        foreach (var file in Directory.GetFiles(temp.Combine("explicit", "weights")))
        {
            Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(temp.Combine("implicit", "weights", Path.GetFileName(file))));
        }

        // A model with two input groups must be told which.
        var twoInputs = temp.File("two.yaml", UsersModel.Replace("input: [a]", "input: [a, b]", StringComparison.Ordinal));
        var (refused, _, error) = CliRunner.Run("run", twoInputs, temp.Combine("implicit.yaml"), "--out", temp.Combine("two"));
        Assert.Equal(2, refused);
        Assert.Contains("clamp_input names no group, and the model has 2 input groups (a, b): give `group:`", error, StringComparison.Ordinal);
    }
}

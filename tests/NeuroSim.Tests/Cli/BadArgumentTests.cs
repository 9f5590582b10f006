namespace NeuroSim.Tests.Cli;

/// <summary>Every kind of bad option value is refused before any work: one line naming the option and what it allows, exit code 2.</summary>
public sealed class BadArgumentTests
{
    [Theory]
    [InlineData("--schedule 'x': valid: fused, multirate", "bench", "--schedule", "x")]
    [InlineData("--precision 'half': valid: double, single", "bench", "--precision", "half")]
    [InlineData("--precision single: needs --schedule fused", "bench", "--precision", "single", "--schedule", "multirate")]
    [InlineData("--seconds = NaN: must be a finite number > 0", "bench", "--seconds", "NaN")]
    [InlineData("--seconds = Infinity: must be a finite number > 0", "bench", "--seconds", "1e400")]
    [InlineData("--repeats = 0: must be >= 1", "bench", "--repeats", "0")]
    [InlineData("--rounds = 0: must be >= 1", "bench", "--peers", "--rounds", "0")]
    [InlineData("--export-steps = -1: must be >= 0", "bench", "--export-state", "never", "--export-steps", "-1")]
    [InlineData("--peer: 'matlab' is not one of numpy-reference, numpy-openblas, torch-1, torch-2, brian2-cpp, brian2-cython", "bench", "--peers", "--peer", "matlab")]
    [InlineData("--sizes 10: each N must be a multiple of 4 and >= 4", "bench", "--export-state", "never", "--sizes", "10")]
    [InlineData("--sizes 10: each N must be a multiple of 4 and >= 4", "bench", "--peers", "--sizes", "10")]
    [InlineData("--noise 'salt': valid: flip, gaussian", "microcircuit", "vip", "--noise", "salt", "--out", "never")]
    [InlineData("--interneurons 'both': valid: learned, analytic", "microcircuit", "mnist", "--interneurons", "both", "--out", "never")]
    [InlineData("--eta = -Infinity: must be a finite number > 0", "microcircuit", "mnist", "--eta", "-Infinity", "--out", "never")]
    [InlineData("--sizes: '784-x-10' is not a list of layer sizes from 1 to 100000 joined by '-', like 30-20-10", "microcircuit", "mnist", "--sizes", "784-x-10", "--out", "never")]
    [InlineData("--data 'cifar': valid: mnist, teacher, xor, parity", "train", "model.yaml", "--data", "cifar", "--out", "never")]
    [InlineData("--learners: 'sgd' is not one of bp, adiabatic, multirate", "train", "model.yaml", "--learners", "bp,sgd", "--out", "never")]
    [InlineData("--study 'gird': valid: grid, messengers", "separation", "--study", "gird", "--out", "never")]
    [InlineData("--workers = 0: must be >= 1", "separation", "--workers", "0", "--out", "never")]
    [InlineData("--backend 'cloud': valid: local, slurm", "connectome", "--backend", "cloud", "--out", "never")]
    [InlineData("--seeds = 0: must be >= 1", "predict", "--seeds", "0", "--out", "never")]
    [InlineData("--segment 0: count from 1 (first) or from -1 (last)", "plot", "run", "--segment", "0")]
    public void A_bad_option_value_is_one_line_naming_the_option_and_exit_code_2(string message, params string[] args)
    {
        using var temp = new TempFolder();
        string[] arguments = [.. args.Select(a => a == "never" ? temp.Combine("never") : a)];
        var (code, stdout, stderr) = CliRunner.Run(arguments);
        Assert.Equal(2, code);
        Assert.Equal(string.Empty, stdout);
        Assert.Equal($"neurosim: error: {message}\n", stderr);
        Assert.False(Directory.Exists(temp.Combine("never")));
    }

    [Fact]
    public void A_value_that_is_not_a_number_points_to_the_help_of_its_command()
    {
        var (code, stdout, stderr) = CliRunner.Run("bench", "--repeats", "abc");
        Assert.Equal(2, code);
        Assert.Equal(string.Empty, stdout);
        Assert.Equal("neurosim: error: Cannot parse argument 'abc' for option '--repeats' as a whole number (see `neurosim bench --help`)\n", stderr);

        // A nested command names its whole path.
        var (nestedCode, _, nested) = CliRunner.Run("microcircuit", "regression", "--rate-scale", "abc");
        Assert.Equal(2, nestedCode);
        Assert.Equal("neurosim: error: Cannot parse argument 'abc' for option '--rate-scale' as a number (see `neurosim microcircuit regression --help`)\n", nested);
    }
}

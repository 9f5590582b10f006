namespace NeuroSim.Tests.Training;

public sealed class TrainCommandTests
{
    [Fact]
    public void Training_on_the_MNIST_subset_gives_identical_BP_and_adiabatic_curves_and_learns()
    {
        using var temp = new TempFolder();
        var root = CliRunner.RepositoryRoot();
        var model = temp.File("model.yaml", File.ReadAllText(Path.Combine(root, "models", "mnist-784-128-10.yaml"))
            .Replace("size: 128", "size: 16", StringComparison.Ordinal)
            .Replace("learning_rate: 0.01", "learning_rate: 0.02", StringComparison.Ordinal));
        var stdout = CliRunner.Succeeds("train", model, "--data", "mnist", "--mnist-dir", MnistSubset.Folder, "--test", "100", "--epochs", "3", "--out", temp.Combine("out"));
        var rows = CsvFiles.ReadNumbers(temp.Combine("out", "accuracy.csv")).Rows;
        var losses = CsvFiles.ReadNumbers(temp.Combine("out", "loss.csv")).Rows;
        Assert.All(losses, r => Assert.Equal(r[1], r[2], 10));
        Assert.All(rows, r => Assert.Equal(r[1], r[2]));

        // 200 training digits, 3 epochs: well above the 10% of chance on 100 held-out digits.
        Assert.InRange(rows[^1][1], 0.5, 1.0);
        Assert.True(losses[^1][1] < 0.5 * losses[0][1], "the test loss at least halved");
        Assert.True(File.Exists(temp.Combine("out", "plots", "learning.svg")));
        Assert.Contains("test accuracy", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Training_data_that_does_not_fit_the_model_is_refused_in_one_line()
    {
        using var temp = new TempFolder();
        var root = CliRunner.RepositoryRoot();
        var (code, _, stderr) = CliRunner.Run("train", Path.Combine(root, "models", "layered-xor.yaml"), "--data", "mnist", "--out", temp.Combine("out"));
        Assert.Equal(2, code);
        Assert.Contains("--data mnist needs a model with 784 inputs and 10 outputs; this one has 2 and 1", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.Combine("out")));
    }
}

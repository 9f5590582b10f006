using NeuroSim.Models.Training;
using NeuroSim.Tests.Support;

namespace NeuroSim.Tests.Training;

public sealed class MnistTests
{
    private static string Subset => Path.Combine(CliRunner.RepositoryRoot(), "tests", "data", "mnist-subset");

    [Fact]
    public void The_committed_subset_loads_as_300_real_digits_interleaved_by_class()
    {
        var data = Mnist.Load(Subset);
        Assert.Equal(300, data.Count);
        Assert.All(data.Inputs, x => Assert.Equal(784, x.Length));
        Assert.All(data.Inputs, x => Assert.All(x, v => Assert.InRange(v, 0.0, 1.0)));
        Assert.Equal(Enumerable.Range(0, 20).Select(k => k % 10), data.Targets.Take(20).Select(t => Mnist.ClassOf(t)));

        // Real handwriting: every digit has ink, and ink covers a minority of the pixels.
        Assert.All(data.Inputs, x => Assert.InRange(x.Count(v => v > 0.5), 20, 400));
        Assert.Equal([-0.8, 0.8, -0.8], data.Targets[1].Take(3));
    }

    [Fact]
    public void A_missing_or_malformed_MNIST_file_is_named_in_the_error()
    {
        using var temp = new TempFolder();
        var missing = Assert.Throws<InvalidDataException>(() => Mnist.Load(temp.Path));
        Assert.Contains("0.json' not found", missing.Message, StringComparison.Ordinal);

        for (var d = 0; d < 10; d++)
        {
            File.Copy(Path.Combine(Subset, $"{d}.json"), temp.Combine($"{d}.json"));
        }

        File.WriteAllText(temp.Combine("7.json"), "{\"data\": [0, 0.5, 1]}");
        var bad = Assert.Throws<InvalidDataException>(() => Mnist.Load(temp.Path));
        Assert.Contains("7.json': 3 values is not a whole number of 784-pixel digits", bad.Message, StringComparison.Ordinal);
    }
}

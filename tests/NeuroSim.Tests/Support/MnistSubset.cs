using NeuroSim.Models.Training;

namespace NeuroSim.Tests.Support;

/// <summary>The MNIST subset checked in under tests/data (300 digits, 30 per class).</summary>
internal static class MnistSubset
{
    public static string Folder => Path.Combine(CliRunner.RepositoryRoot(), "tests", "data", "mnist-subset");

    /// <summary>The subset with the microcircuit targets (0.8 on, 0.1 off): its first <paramref name="train"/> digits and its last <paramref name="test"/>.</summary>
    public static (Dataset Train, Dataset Test) Split(int train, int test)
    {
        var all = Mnist.Load(Folder, on: 0.8, off: 0.1);
        return (all.Slice(0, train), all.Slice(all.Count - test, test));
    }
}

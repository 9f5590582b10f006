using MnistDigits = NeuroSim.Models.Training.Mnist;

namespace NeuroSim.Analysis.Microcircuit.Mnist;

/// <summary>The --data folder of the MNIST commands, read for a --train / --test split.</summary>
internal static class MnistDataFolder
{
    /// <summary>All digits of <paramref name="folder"/> with one-hot targets <paramref name="on"/> / <paramref name="off"/>, after the checks whose errors name the command's options.</summary>
    public static Dataset Load(string folder, int train, int test, double on, double off)
    {
        if (train < 1 || test < 1)
        {
            throw new ArgumentException("--train and --test must be >= 1");
        }

        if (!Directory.Exists(folder))
        {
            throw new ArgumentException($"--data '{folder}': no such folder; run `neurosim fetch-mnist` first (or give --data tests/data/mnist-subset)");
        }

        return MnistDigits.Load(folder, on: on, off: off);
    }
}

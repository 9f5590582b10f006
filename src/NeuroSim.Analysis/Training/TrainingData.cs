using NeuroSim.Core.Randomness;

namespace NeuroSim.Analysis.Training;

/// <summary>The data sets `neurosim train` learns.</summary>
public enum TrainingDataKind
{
    /// <summary>MNIST digits: all but the last test digits for training.</summary>
    Mnist,

    /// <summary>Regression on a random tanh teacher of half the hidden width.</summary>
    Teacher,

    /// <summary>XOR, trained and tested on its four examples.</summary>
    Xor,

    /// <summary>Parity of the model's input bits, trained and tested on every pattern.</summary>
    Parity,
}

/// <summary>Training and test sets for a layered model of the given layer sizes.</summary>
public static class TrainingData
{
    /// <summary>
    /// The split of <paramref name="kind"/> for a model of <paramref name="sizes"/>; <paramref name="mnistFolder"/> is
    /// read for <see cref="TrainingDataKind.Mnist"/> only, <paramref name="seed"/> draws the teacher and the parity order.
    /// </summary>
    public static (Dataset Train, Dataset Test) Split(TrainingDataKind kind, int[] sizes, string? mnistFolder, int? trainCount, int testCount, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        if (testCount < 1)
        {
            throw new ArgumentException("--test must be >= 1");
        }

        switch (kind)
        {
            case TrainingDataKind.Mnist:
                {
                    if (sizes[0] != Mnist.Pixels || sizes[^1] != Mnist.Classes)
                    {
                        throw new ArgumentException($"--data mnist needs a model with {Mnist.Pixels} inputs and {Mnist.Classes} outputs; this one has {sizes[0]} and {sizes[^1]}");
                    }

                    var folder = mnistFolder ?? throw new ArgumentException("no MNIST folder: run `neurosim fetch-mnist` or give --mnist-dir");
                    var all = Mnist.Load(folder);
                    if (testCount >= all.Count)
                    {
                        throw new ArgumentException($"--test {testCount}: the MNIST folder holds only {all.Count} digits");
                    }

                    var trainEnd = Math.Min(trainCount ?? all.Count - testCount, all.Count - testCount);
                    return (all.Slice(0, trainEnd), all.Slice(all.Count - testCount, testCount));
                }

            case TrainingDataKind.Teacher:
                {
                    var teacher = Datasets.TeacherStudent([sizes[0], Math.Max(2, sizes[1] / 2), sizes[^1]], (trainCount ?? 200) + testCount, Seeds.Derive(seed, SeedStreams.TrainTeacherData));
                    return (teacher.Slice(0, trainCount ?? 200), teacher.Slice(trainCount ?? 200, testCount));
                }

            case TrainingDataKind.Parity:
                {
                    var parity = Datasets.Parity(sizes[0], seed);
                    return sizes[^1] == 1 ? (parity, parity) : throw new ArgumentException("--data parity needs a model with 1 output");
                }

            default:
                {
                    var xor = Datasets.Xor();
                    return sizes[0] == 2 && sizes[^1] == 1 ? (xor, xor) : throw new ArgumentException("--data xor needs a model with 2 inputs and 1 output");
                }
        }
    }
}

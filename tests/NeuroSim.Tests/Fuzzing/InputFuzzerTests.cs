using System.Diagnostics;
using System.Text;
using NeuroSim.Core.RunFolders;
using NeuroSim.Experiments;
using NeuroSim.Files;
using NeuroSim.Files.Yaml;
using NeuroSim.Models.BalanceCredit;
using NeuroSim.Models.Protocols;

namespace NeuroSim.Tests.Fuzzing;

/// <summary>
/// An in-process, seeded fuzzer over every shipped model and protocol file and over the CSV inputs (weights, mask,
/// biases, written here by <see cref="WeightFiles"/>): each mutated case goes through <see cref="ExperimentRunner.Prepare"/>
/// and must either load or fail with a <see cref="SpecException"/> whose message is one printable line with a file
/// and a position. Any other exception fails the test with the case's seed and mutation.
/// </summary>
public sealed class InputFuzzerTests(ITestOutputHelper output)
{
    /// <summary>Cases per run; case k uses seed <see cref="BaseSeed"/> + k (reproduce one with <see cref="RunCase"/>).</summary>
    private const int Cases = 2400;

    private const int BaseSeed = 0x5EED;

    /// <summary>Models the fuzzer lets through are capped to this, so that a huge-but-allowed network does not dominate.</summary>
    private const long MemoryBudget = 192L << 20;

    [Trait("Speed", "Slow")]
    [Fact]
    public void Every_mutated_input_loads_or_fails_with_one_clear_line()
    {
        ModelMemory.BudgetBytes = MemoryBudget;
        using var temp = new TempFolder();
        var targets = Targets(temp);
        foreach (var target in targets)
        {
            // The unmutated inputs load: the mutations start from valid files.
            Assert.Null(Check(target.Files, temp.Combine("base")).Failure);
        }

        var stats = new SortedDictionary<string, (int Loaded, int Refused)>(StringComparer.Ordinal);
        var failures = new List<string>();
        var slowest = (Seconds: 0.0, Case: string.Empty);
        var watch = Stopwatch.StartNew();
        for (var k = 0; k < Cases; k++)
        {
            var started = watch.Elapsed.TotalSeconds;
            var (description, kind, outcome) = RunCase(BaseSeed + k, targets, temp.Combine($"case{k % 8}"));
            var seconds = watch.Elapsed.TotalSeconds - started;
            if (seconds > slowest.Seconds)
            {
                slowest = (seconds, description);
            }

            var (loaded, refused) = stats.GetValueOrDefault(kind);
            stats[kind] = outcome.Failure is null ? (loaded + (outcome.Loaded ? 1 : 0), refused + (outcome.Loaded ? 0 : 1)) : (loaded, refused);
            if (outcome.Failure is { } failure)
            {
                failures.Add($"seed {BaseSeed + k}: {description}: {failure}");
            }
        }

        var extra = SpecialFiles(temp, targets[^1]);
        output.WriteLine($"{Cases} cases in {watch.Elapsed.TotalSeconds:F1} s: {stats.Values.Sum(s => s.Loaded)} loaded, {stats.Values.Sum(s => s.Refused)} refused with SpecException, {failures.Count} failed");
        output.WriteLine($"slowest case {slowest.Seconds:F2} s: {slowest.Case}");
        foreach (var (kind, (loaded, refused)) in stats)
        {
            output.WriteLine($"  {kind,-20} {loaded + refused,5} cases: {loaded,5} loaded, {refused,5} refused");
        }

        output.WriteLine($"special files (directory, device, FIFO, oversized): {extra.Count(e => e.Failure is null)} of {extra.Count} refused with SpecException");
        failures.AddRange(extra.Where(e => e.Failure is not null).Select(e => $"{e.Case}: {e.Failure}"));
        Assert.True(failures.Count == 0, $"{failures.Count} of {Cases} cases failed:\n{string.Join("\n", failures.Take(30))}");
    }

    /// <summary>Runs case <paramref name="seed"/>: picks a target and one of its files, mutates it, and prepares the run.</summary>
    internal static (string Description, string Kind, Outcome Outcome) RunCase(int seed, IReadOnlyList<Target> targets, string folder)
    {
        var random = new Random(seed);
        var target = targets[random.Next(targets.Count)];
        var file = target.Mutable[random.Next(target.Mutable.Count)];
        var text = target.Files[file];
        var mutation = file.EndsWith(".csv", StringComparison.Ordinal)
            ? InputMutator.MutateCsv(text, random, biases: file == "biases.csv")
            : InputMutator.MutateYaml(text, random);
        var files = new Dictionary<string, object>(target.Files.ToDictionary(f => f.Key, f => (object)f.Value), StringComparer.Ordinal) { [file] = mutation.Bytes };
        var description = $"{target.Name}, {file}, {mutation.Kind}: {mutation.Description}";
        return (description, mutation.Kind, Check(files, folder));
    }

    /// <summary>A model and protocol pair (and the CSVs the model reads), with the files that may be mutated.</summary>
    internal sealed record Target(string Name, IReadOnlyDictionary<string, string> Files, IReadOnlyList<string> Mutable);

    internal sealed record Outcome(bool Loaded, string? Failure);

    private static Outcome Check(IReadOnlyDictionary<string, string> files, string folder) =>
        Check(files.ToDictionary(f => f.Key, f => (object)f.Value, StringComparer.Ordinal), folder);

    private static Outcome Check(Dictionary<string, object> files, string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        foreach (var (name, content) in files)
        {
            var path = Path.Combine(folder, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            if (content is byte[] bytes)
            {
                File.WriteAllBytes(path, bytes);
            }
            else
            {
                File.WriteAllText(path, (string)content);
            }
        }

        var output = Path.Combine(folder, "out");
        try
        {
            _ = ExperimentRunner.Prepare(new RunRequest(Path.Combine(folder, "model.yaml"), Path.Combine(folder, "protocol.yaml"), output));
            return new Outcome(true, Directory.Exists(output) ? "Prepare wrote the output folder" : null);
        }
        catch (SpecException e)
        {
            return new Outcome(false, Problem(e, folder));
        }
#pragma warning disable CA1031 // Any other exception is the finding this test reports.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return new Outcome(false, $"{e.GetType().Name}: {InputMutator.Show(e.Message)} at {e.StackTrace?.Split('\n').FirstOrDefault()?.Trim()}");
        }
    }

    /// <summary>What is wrong with a refusal's message, or null when it is one printable line with a file and position.</summary>
    internal static string? Problem(SpecException e, string folder)
    {
        var message = e.Message;
        if (message.Any(c => c < 0x20 || c is >= '\u007f' and <= '\u009f' or '\u2028' or '\u2029' or '\u202e'))
        {
            return $"message has control characters: {InputMutator.Show(message)}";
        }

        if (string.IsNullOrEmpty(e.File) || e.Detail.Length == 0)
        {
            return $"message without file or detail: {message}";
        }

        if (!e.File.StartsWith(folder, StringComparison.Ordinal))
        {
            return $"error placed in '{e.File}', not in an input file: {message}";
        }

        if (e.Line <= 0 && !IsWholeFileError(e.Detail))
        {
            return $"no line for an error inside the file: {message}";
        }

        return message.Contains("(Parameter '", StringComparison.Ordinal) || message.Contains("Actual value was", StringComparison.Ordinal)
            ? $".NET argument text in the message: {message}"
            : null;
    }

    private static bool IsWholeFileError(string detail) =>
        detail.Contains("not found", StringComparison.Ordinal) || detail.Contains("bytes", StringComparison.Ordinal)
        || detail.Contains("directory", StringComparison.Ordinal) || detail.Contains("regular file", StringComparison.Ordinal);

    /// <summary>Every shipped protocol with its model, every shipped model with a protocol, and a model reading CSVs.</summary>
    internal static List<Target> Targets(TempFolder temp)
    {
        var root = CliRunner.RepositoryRoot();
        var targets = new List<Target>();
        var protocols = Directory.GetFiles(Path.Combine(root, "protocols"), "*.yaml")
            .Concat(Directory.GetFiles(Path.Combine(root, "protocols", "predictions"), "*.yaml").Where(f => !f.EndsWith(".sweep.yaml", StringComparison.Ordinal))).Order(StringComparer.Ordinal).ToList();
        var generic = "name: short\ntimeline:\n  - run: 50 ms\nmonitors:\n  - {name: all, variables: [x, c], neurons: [all], every: 10 ms}\n";
        foreach (var protocol in protocols)
        {
            var model = ProtocolFile.IntendedModel(protocol) ?? throw new InvalidOperationException(protocol);
            targets.Add(new Target(Path.GetRelativePath(root, protocol), Pair(File.ReadAllText(model), File.ReadAllText(protocol)), ["protocol.yaml", "model.yaml"]));
        }

        foreach (var model in Directory.GetFiles(Path.Combine(root, "models"), "*.yaml").Order(StringComparer.Ordinal))
        {
            targets.Add(new Target(Path.GetRelativePath(root, model), Pair(File.ReadAllText(model), generic), ["model.yaml", "model.yaml", "protocol.yaml"]));
        }

        // The CSV target weighs as much as a quarter of the cases.
        var csv = CsvTarget(temp);
        targets.AddRange(Enumerable.Repeat(csv, targets.Count / 3));
        return targets;
    }

    private static Dictionary<string, string> Pair(string model, string protocol) => new(StringComparer.Ordinal) { ["model.yaml"] = model, ["protocol.yaml"] = protocol };

    /// <summary>The XOR model reading its weights, a mask and its biases from CSVs written by <see cref="WeightFiles"/>.</summary>
    private static Target CsvTarget(TempFolder temp)
    {
        var model = """
            name: csv-inputs
            network:
              groups:
                - {name: in, size: 3}
                - {name: hidden, size: 6}
                - {name: out, size: 2}
              projections:
                - {from: in, to: hidden, weights: {file: weights/in-hidden.csv}}
                - {from: hidden, to: out, mask: {file: mask/hidden-out.csv}, weights: {file: weights/hidden-out.csv}}
              biases: {file: biases.csv}
              learn_biases: true
            neurons: {activation: tanh}
            timescales: {firing: 10 ms, credit: 100 ms, plasticity: 1 s}
            learning_rate: 0.1
            clamps: {input: [in], output: [out]}
            scheduler: {mode: coupled, dt: 1 ms, integrator: rk4}
            """;
        var sourceModel = model
            .Replace("weights: {file: weights/in-hidden.csv}", "weights: {distribution: normal}", StringComparison.Ordinal)
            .Replace("mask: {file: mask/hidden-out.csv}, weights: {file: weights/hidden-out.csv}", "mask: {density: 0.5}, storage: dense", StringComparison.Ordinal)
            .Replace("biases: {file: biases.csv}", "biases: {constant: 0.25}", StringComparison.Ordinal);
        var folder = temp.Combine("csv-source");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "model.yaml"), sourceModel);
        var built = new BalanceCreditModel(ModelFile.Load(Path.Combine(folder, "model.yaml")).Spec);
        WeightFiles.Write(folder, built.Network, built.Weights, built.Biases);
        var mask = Path.Combine(folder, "mask", "hidden-out.csv");
        var files = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["model.yaml"] = model,
            ["protocol.yaml"] = "name: csv\ntimeline:\n  - present: {input: [1, -1, 0.5], target: [0.5, -0.5], duration: 20 ms}\nmonitors:\n  - {name: w, variables: [W], every: 10 ms}\n",
            ["weights/in-hidden.csv"] = File.ReadAllText(Path.Combine(folder, "weights", "in-hidden.csv")),
            ["weights/hidden-out.csv"] = File.ReadAllText(Path.Combine(folder, "weights", "hidden-out.csv")),
            ["mask/hidden-out.csv"] = File.Exists(mask) ? File.ReadAllText(mask) : string.Concat(Enumerable.Repeat("1,1,1,1,1,1\n", 2)),
            ["biases.csv"] = File.ReadAllText(Path.Combine(folder, "biases.csv")),
        };
        return new Target("csv inputs", files, ["weights/in-hidden.csv", "weights/hidden-out.csv", "mask/hidden-out.csv", "biases.csv", "model.yaml"]);
    }

    /// <summary>Inputs that are not regular files (a directory, a device, a FIFO) or are too large, in place of each input.</summary>
    private static List<(string Case, string? Failure)> SpecialFiles(TempFolder temp, Target csv)
    {
        var results = new List<(string, string?)>();
        foreach (var name in new[] { "model.yaml", "protocol.yaml", "weights/in-hidden.csv", "biases.csv" })
        {
            foreach (var special in new[] { "directory", "/dev/zero", "/dev/urandom", "fifo", "oversized" })
            {
                var folder = temp.Combine("special");
                var files = csv.Files.Where(f => f.Key != name).ToDictionary(f => f.Key, f => (object)f.Value, StringComparer.Ordinal);
                _ = Check(files, folder);
                var path = Path.Combine(folder, name);
                switch (special)
                {
                    case "directory":
                        Directory.CreateDirectory(path);
                        break;
                    case "fifo":
                        using (var mkfifo = Process.Start("mkfifo", [path]))
                        {
                            mkfifo.WaitForExit();
                        }

                        break;
                    case "oversized":
                        using (var stream = File.Create(path))
                        {
                            stream.SetLength((name.EndsWith(".csv", StringComparison.Ordinal) ? 1L << 20 : InputFiles.MaxYamlBytes) + 1);
                        }

                        break;
                    default:
                        File.CreateSymbolicLink(path, special);
                        break;
                }

                var outcome = PrepareOnly(folder);
                results.Add(($"{name} as {special}", outcome));
            }
        }

        return results;
    }

    private static string? PrepareOnly(string folder)
    {
        try
        {
            _ = ExperimentRunner.Prepare(new RunRequest(Path.Combine(folder, "model.yaml"), Path.Combine(folder, "protocol.yaml"), Path.Combine(folder, "out")));
            return "loaded";
        }
        catch (SpecException e)
        {
            return Problem(e, folder) is { } problem ? problem : null;
        }
#pragma warning disable CA1031 // Any other exception is the finding this test reports.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return $"{e.GetType().Name}: {InputMutator.Show(e.Message)}";
        }
    }
}

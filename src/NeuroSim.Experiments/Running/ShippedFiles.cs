using System.Reflection;

namespace NeuroSim.Experiments;

/// <summary>
/// The model and protocol files of the repository's models/ and protocols/ folders, built into the program. A
/// shipped experiment is run from a private copy of them (the protocol's relative `model:` path keeps working), and
/// the copy is deleted when the run ends; the run folder's inputs/ keeps the files as they were used.
/// </summary>
public sealed class ShippedFiles : IDisposable
{
    private ShippedFiles(string root) => Root = root;

    /// <summary>The private folder holding models/, protocols/ and sweeps/.</summary>
    public string Root { get; }

    /// <summary>Names of the shipped files, e.g. "models/microcircuit-association.yaml".</summary>
    public static IReadOnlyList<string> Names { get; } =
        [.. typeof(ShippedFiles).Assembly.GetManifestResourceNames().Where(n => n.StartsWith("models/", StringComparison.Ordinal) || n.StartsWith("protocols/", StringComparison.Ordinal) || n.StartsWith("sweeps/", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    /// <summary>Writes every shipped file into a new private temporary folder.</summary>
    public static ShippedFiles Extract()
    {
        var root = Directory.CreateTempSubdirectory("neurosim-shipped-").FullName;
        try
        {
            foreach (var name in Names)
            {
                var path = Path.Combine(root, name);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                using var resource = Open(name);
                using var file = File.Create(path);
                resource.CopyTo(file);
            }
        }
        catch
        {
            Directory.Delete(root, recursive: true);
            throw;
        }

        return new ShippedFiles(root);
    }

    /// <summary>The path of shipped file <paramref name="name"/> (e.g. "protocols/microcircuit-association.yaml") in this copy.</summary>
    public string PathOf(string name) =>
        Names.Contains(name, StringComparer.Ordinal)
            ? Path.Combine(Root, name)
            : throw new ArgumentException($"no shipped file '{name}'; shipped: {string.Join(", ", Names)}");

    /// <summary>The text of shipped file <paramref name="name"/>.</summary>
    public static string Text(string name)
    {
        using var reader = new StreamReader(Open(name));
        return reader.ReadToEnd();
    }

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }

    private static Stream Open(string name) =>
        Assembly.GetExecutingAssembly().GetManifestResourceStream(name) ?? throw new ArgumentException($"no shipped file '{name}'");
}

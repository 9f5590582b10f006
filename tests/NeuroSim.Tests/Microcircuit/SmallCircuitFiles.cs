namespace NeuroSim.Tests.Microcircuit;

/// <summary>A small microcircuit model file shared by the file-driven tests, and the check that a model file is refused with one line.</summary>
internal static class SmallCircuitFiles
{
    /// <summary>6-5-4, every class plastic, noise 0.1, starting in the self-predicting state, coupled at 0.1 ms.</summary>
    public const string Model = """
        kind: microcircuit
        name: small
        citation: test
        layers: [6, 5, 4]
        learning_rates: {up: [1e-3, 1e-3], ip: [1e-3], pi: [1e-3], down: [0]}
        noise: {sigma: 0.1}
        initial_weights: {scale: 1.0, self_predicting: true}
        scheduler: {mode: coupled, dt: 0.1 ms}
        seed: 3
        """;

    /// <summary>`neurosim run` refuses <paramref name="modelText"/> (as model.yaml) with exit 2 and one line starting with <paramref name="message"/> (relative to the file's folder), writing nothing.</summary>
    public static void AssertModelRefused(string modelText, string message) =>
        Assert.StartsWith($"neurosim: error: {message}", RefusedRun(modelText, "name: p\ntimeline:\n  - run: 1 ms\n"), StringComparison.Ordinal);

    /// <summary>
    /// Runs <paramref name="modelText"/> (as model.yaml) with <paramref name="protocolText"/> (as protocol.yaml) through
    /// `neurosim run`, asserts that it is refused as bad input (exit code 2, one line, before any output folder exists)
    /// and returns that line with the folder of the two files taken out ("neurosim: error: protocol.yaml:4:12: ...").
    /// </summary>
    public static string RefusedRun(string modelText, string protocolText)
    {
        using var temp = new TempFolder();
        var model = temp.File("model.yaml", modelText);
        var protocol = temp.File("protocol.yaml", protocolText);
        var (code, _, stderr) = CliRunner.Run("run", model, protocol, "--out", temp.Combine("out"));
        Assert.Equal(2, code);
        Assert.DoesNotContain('\n', stderr.Trim());
        Assert.False(Directory.Exists(temp.Combine("out")) || Directory.Exists(temp.Combine(".out.partial")), "refused before any folder exists");
        return stderr.Trim().Replace(temp.Path + Path.DirectorySeparatorChar, string.Empty, StringComparison.Ordinal);
    }
}

using NeuroSim.Tests.Sweeps;

namespace NeuroSim.Tests.Report;

/// <summary>
/// The folders the report tests read: a real short run (`neurosim run`, then `neurosim plot --kind weights`, plus a
/// PNG figure), a real small sweep (the 12 runs of <see cref="SweepTests.Sweep"/>), and hand-written hostile folders.
/// </summary>
public sealed class ReportFolders : IDisposable
{
    /// <summary>XOR twice with a retrograde block between: 400 ms of 1 ms steps, three monitors at three periods.</summary>
    internal const string Protocol = """
        name: report-test
        data:
          xor: {generate: xor}
        timeline:
          - for_each: {data: xor, do: [present: {input: $input, target: $target, duration: 50 ms}]}
          - block: {process: retrograde, projections: [hidden->out]}
          - for_each: {data: xor, do: [present: {input: $input, target: $target, duration: 50 ms}]}
        monitors:
          - {name: loss, variables: [loss], every: 50 ms}
          - {name: hidden_credit, variables: [c], neurons: [hidden], every: 10 ms}
          - {name: weights, variables: [W], projections: [in->hidden, hidden->out], every: 20 ms}
        """;

    /// <summary>A 16 x 12 RGB gradient, a valid PNG as a renderer would write it beside its SVG.</summary>
    internal static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAABAAAAAMCAIAAADkharWAAABVUlEQVR42g3LIQHFIBRAUSJMEACJXADEIrwICAIgkTcAgggvwgQBkEgCIBaBCP8ff4wxXAZnuA2PQQzRkA0YmkENr2EYluEzHIMxlsviLLflsYglWrIFS7Oo5bUMy7J8lmP/wXN5nOf2PB7xRE/24Gke9bye4Vmez3P8PwSugAvcgScggRjIAQItoIE3MAIr8AVO+AfhEpxwC48gQhSygNAEFV5hCEv4hCP/kLgSLnEnnoQkYiInSLSEJt7ESKzElzjpHwpXwRXuwlOQQizkAoVW0MJbGIVV+Aqn/EPlqrjKXXkqUomVXKHSKlp5K6OyKl/l1H9QLsUpt/IookQlKyhNUeVVhrKUTzn6D52r4zp35+lIJ3Zyh07raOftjM7qfJ3T/2FyTdzknjwTmcRJnjBpE528kzFZk29y5j9sro3b3JtnI5u4yRs2baObdzM2a/NtzuYHM20MkLF8hv4AAAAASUVORK5CYII=");

    private readonly TempFolder temp = new();
    private readonly TempFolder sweepInputs = new();

    public ReportFolders()
    {
        var model = temp.File("model.yaml", SweepTests.Model);
        var protocol = temp.File("protocol.yaml", Protocol);
        Run = temp.Combine("run");
        Succeed("run", model, protocol, "--seed", "7", "--out", Run);
        Succeed("plot", Run, "--kind", "weights");

        var sweepFile = SweepTests.Files(sweepInputs);
        Sweep = temp.Combine("sweep");
        Succeed("sweep", sweepFile, "--out", Sweep);
    }

    public string Root => temp.Path;

    public string Run { get; }

    public string Sweep { get; }

    public void Dispose()
    {
        temp.Dispose();
        sweepInputs.Dispose();
    }

    private static void Succeed(params string[] args)
    {
        var (code, _, stderr) = CliRunner.Run(args);
        if (code != 0)
        {
            throw new InvalidOperationException($"neurosim {string.Join(' ', args)} failed ({code}): {stderr}");
        }
    }
}

namespace NeuroSim.Tests.Microcircuit;

/// <summary>lesion in microcircuit protocol files: the run, a resume across it, and its errors.</summary>
public sealed class LesionFromFilesTests
{
    private const string Model = SmallCircuitFiles.Model;

    private const string Protocol = """
        name: lesion
        timeline:
          - clamp_input: {group: L0, values: [0.1, 0.9, 0.3, 0.5, 0.7, 0.2]}
          - clamp_output: {group: L2, target: [1, -1, 0.5, -0.5]}
          - run: 50 ms
          - lesion: {neurons: [L1:2, I1:1], synapses: [{projection: L0->L1, post: 0, pre: 3}]}
          - run: 150 ms
        monitors:
          - {name: rates, variables: [r], neurons: [L1, I1], every: 1 ms}
          - {name: weights, variables: [W_up, B, W_ip, W_pi], every: 10 ms}
        """;

    private static readonly string[] ResultFiles =
        ["monitors/rates.csv", "monitors/weights.csv", "epochs.csv", "weights/L0-L1.csv", "weights/L1-L2.csv", "weights/L2-L1.csv", "weights/L1-I1.csv", "weights/I1-L1.csv"];

    [Fact]
    public void A_lesion_step_silences_the_neurons_zeroes_their_synapses_and_resumes_bit_for_bit()
    {
        using var temp = new TempFolder();
        var model = temp.File("model.yaml", Model);
        var protocol = temp.File("protocol.yaml", Protocol);
        var whole = temp.Combine("whole");
        CliRunner.Succeeds("run", model, protocol, "--out", whole);
        Assert.Contains(",lesion,", File.ReadAllText(Path.Combine(whole, "epochs.csv")), StringComparison.Ordinal);

        var rates = Table(Path.Combine(whole, "monitors", "rates.csv"));
        var weights = Table(Path.Combine(whole, "monitors", "weights.csv"));
        foreach (var (table, zero) in new[] { (rates, (Func<string, bool>)(c => c is "r[L1:2]" or "r[I1:1]")), (weights, IsLesionedSynapse) })
        {
            foreach (var row in table.Rows.Where(r => r[0] > 50))
            {
                for (var c = 1; c < table.Header.Length; c++)
                {
                    Assert.True(!zero(table.Header[c]) || row[c] == 0, $"{table.Header[c]} = {row[c]} at t = {row[0]}");
                }
            }
        }

        Assert.Contains(rates.Rows, r => r[0] > 50 && r[Array.IndexOf(rates.Header, "r[L1:1]")] != 0);
        Assert.Equal(0.0, Column(weights, "W_up[L0->L1:0<-3]")[^1]);
        Assert.NotEqual(Column(weights, "W_up[L0->L1:0<-2]")[5], Column(weights, "W_up[L0->L1:0<-2]")[^1]);

        var interrupted = temp.Combine("interrupted");
        var (code, _, stderr) = CliRunner.Run("run", model, protocol, "--out", interrupted, "--checkpoint-steps", "250", "--abort-after-steps", "1234");
        Assert.True(code == 3, stderr);
        CliRunner.Succeeds("run", model, protocol, "--out", interrupted, "--resume");
        SameBytes.InFolders(whole, interrupted, ResultFiles, " after resume");
    }

    [Theory]
    [InlineData("lesion: {neurons: [L0:1]}", "the input layer L0 cannot be lesioned: it is only its rates (use clamp_input to set them to 0)")]
    [InlineData("lesion: {neurons: [X1:0]}", "unknown neuron group in 'X1:0'; valid: all, L0, L1, L2, I1 (optionally with :i or :a-b)")]
    [InlineData("lesion: {neurons: [L1:5]}", "neuron index in 'L1:5' is out of range; group 'L1' has neurons 0..4")]
    [InlineData("lesion: {neurons: [I1:2-4]}", "neuron index in 'I1:2-4' is out of range; group 'I1' has neurons 0..3")]
    [InlineData("lesion: {synapses: [{projection: L2->L0, post: 0, pre: 0}]}", "unknown projection 'L2->L0'; valid: L0->L1, L1->L2, L2->L1, L1->I1, I1->L1")]
    [InlineData("lesion: {synapses: [{projection: L1->I1, post: 4, pre: 0}]}", "synapse L1->I1:4,0 is out of range; post 0..3, pre 0..4")]
    public void Lesion_errors_are_one_line_at_their_position(string step, string message) =>
        Assert.Equal(
            $"neurosim: error: protocol.yaml:4:13: timeline[1].lesion: {message}",
            SmallCircuitFiles.RefusedRun(Model, $"name: p\ntimeline:\n  - run: 10 ms\n  - {step}\nmonitors:\n  - {{name: m, variables: [u], neurons: [L1], every: 1 ms}}\n"));

    /// <summary>Synapses onto or from L1:2 or I1:1, and the removed W_up L0->L1 0<-3.</summary>
    private static bool IsLesionedSynapse(string column) =>
        column == "W_up[L0->L1:0<-3]"
        || column.StartsWith("W_up[L0->L1:2<-", StringComparison.Ordinal) || (column.StartsWith("W_up[L1->L2:", StringComparison.Ordinal) && column.EndsWith("<-2]", StringComparison.Ordinal))
        || column.StartsWith("B[L2->L1:2<-", StringComparison.Ordinal) || column.StartsWith("W_pi[I1->L1:2<-", StringComparison.Ordinal)
        || (column.StartsWith("W_ip[L1->I1:", StringComparison.Ordinal) && column.EndsWith("<-2]", StringComparison.Ordinal))
        || column.StartsWith("W_ip[L1->I1:1<-", StringComparison.Ordinal) || (column.StartsWith("W_pi[I1->L1:", StringComparison.Ordinal) && column.EndsWith("<-1]", StringComparison.Ordinal));

    private static double[] Column((string[] Header, double[][] Rows) table, string name)
    {
        var c = Array.IndexOf(table.Header, name);
        Assert.True(c > 0, $"no column {name}");
        return [.. table.Rows.Select(r => r[c])];
    }

    private static (string[] Header, double[][] Rows) Table(string path) => CsvFiles.ReadNumbers(path);
}

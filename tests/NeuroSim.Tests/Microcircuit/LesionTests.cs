using NeuroSim.Core.Scheduling;
using NeuroSim.Models.Microcircuit;

namespace NeuroSim.Tests.Microcircuit;

/// <summary>lesion on the microcircuit, in process: rates and weights of a lesioned neuron, its effect on the output, checkpoints.</summary>
public sealed class LesionTests
{
    private const int Hidden = 7;

    [Fact]
    public void A_lesioned_hidden_neuron_fires_at_exactly_0_and_its_weights_stay_exactly_0_while_the_others_learn()
    {
        var (model, scheduler) = New(seed: 4);
        scheduler.Advance(500);
        model.Lesion([model.Sizes[0] + Hidden], []);
        var before = model.Weights.All.ToArray();
        for (var k = 0; k < 20; k++)
        {
            scheduler.Advance(100);
            model.Observe();
            Assert.Equal(0.0, model.Activity.PyramidalRate(0)[Hidden]);
            Assert.True(model.IsLesioned(model.Sizes[0] + Hidden));
            foreach (var (values, columns, row, column) in SynapsesOfHidden(model))
            {
                for (var e = 0; e < values.Length; e++)
                {
                    if ((row && e / columns == Hidden) || (!row && e % columns == Hidden))
                    {
                        Assert.Equal(0L, BitConverter.DoubleToInt64Bits(values[e]));
                    }
                }
            }
        }

        // The other neurons of L1 learn on: their bottom-up weights moved.
        var up = model.Weights.Up(0).ToArray();
        var offset = model.Weights.OffsetOf(WeightClass.Up, 0);
        var moved = Enumerable.Range(0, up.Length).Count(e => e / model.Sizes[0] != Hidden && up[e] != before[offset + e]);
        Assert.True(moved > up.Length / 2, $"{moved} of {up.Length} bottom-up weights moved");
        Assert.NotEqual(0.0, model.Activity.PyramidalRate(0)[Hidden + 1]);
    }

    /// <summary>
    /// With plasticity off, lesioning a hidden neuron leaves every other potential exactly as zeroing its outgoing W_up and
    /// W_ip columns by hand does (in a 30-20-10 net its only outgoing synapses): its rate reaches nothing else.
    /// </summary>
    [Fact]
    public void A_lesion_changes_the_output_only_through_the_lesioned_neuron()
    {
        var (lesioned, s1) = New(seed: 5);
        var (byHand, s2) = New(seed: 5);
        var (intact, s3) = New(seed: 5);
        foreach (var (model, scheduler) in new[] { (lesioned, s1), (byHand, s2), (intact, s3) })
        {
            scheduler.Advance(500);
            model.PlasticityGain = 0;
        }

        lesioned.Lesion([lesioned.Sizes[0] + Hidden], []);
        Column(byHand.Weights.Up(1), byHand.Sizes[1]).ForEach(e => byHand.Weights.Up(1)[e] = 0);
        Column(byHand.Weights.PyramidalToInterneuron(0), byHand.Sizes[1]).ForEach(e => byHand.Weights.PyramidalToInterneuron(0)[e] = 0);
        s1.Advance(1500);
        s2.Advance(1500);
        s3.Advance(1500);

        var a = Bits(lesioned.State[lesioned.SomaRange]);
        var b = Bits(byHand.State[byHand.SomaRange]);
        a[Hidden] = b[Hidden] = 0;
        Assert.Equal(b, a);
        Assert.NotEqual(Bits(intact.PyramidalPotential(1)), Bits(lesioned.PyramidalPotential(1)));
    }

    /// <summary>A lesioned output neuron reaches nothing: not even its interneuron partner's nudge, so driving its soma changes nothing else.</summary>
    [Fact]
    public void A_lesioned_output_neuron_no_longer_nudges_its_interneuron()
    {
        var (quiet, s1) = New(seed: 9);
        var (driven, s2) = New(seed: 9);
        var output = quiet.Sizes[0] + quiet.Sizes[1] + 4;
        foreach (var (model, scheduler) in new[] { (quiet, s1), (driven, s2) })
        {
            scheduler.Advance(300);
            model.Lesion([output], []);
            model.DriveOf(MicrocircuitModel.SomaPool)[output] = model == driven ? 3.0 : 0.0;
            scheduler.Advance(1000);
        }

        var a = Bits(quiet.State);
        var b = Bits(driven.State);
        Assert.NotEqual(a[output - quiet.Sizes[0]], b[output - quiet.Sizes[0]]);
        a[output - quiet.Sizes[0]] = b[output - quiet.Sizes[0]] = 0;
        Assert.Equal(a, b);
    }

    [Fact]
    public void A_run_resumed_after_a_lesion_continues_bit_identically()
    {
        var (straight, s1) = New(seed: 6);
        s1.Advance(500);
        straight.Lesion([straight.Sizes[0] + Hidden, straight.NeuronCount - 1], [straight.Weights.OffsetOf(WeightClass.Up, 1) + 3]);
        s1.Advance(1500);

        var (model, scheduler) = New(seed: 6);
        scheduler.Advance(500);
        model.Lesion([model.Sizes[0] + Hidden, model.NeuronCount - 1], [model.Weights.OffsetOf(WeightClass.Up, 1) + 3]);
        scheduler.Advance(700);
        var (resumed, s2) = New(seed: 99);
        resumed.ReadCheckpoint(new BinaryReader(new MemoryStream(Checkpoint(model))));
        Assert.True(resumed.IsLesioned(resumed.NeuronCount - 1));
        Assert.True(resumed.IsRemoved(resumed.Weights.OffsetOf(WeightClass.Up, 1) + 3));
        s2.Advance(800);
        Assert.Equal(Bits(straight.State), Bits(resumed.State));
    }

    [Fact]
    public void A_version_3_checkpoint_without_lesions_still_reads()
    {
        var (model, scheduler) = New(seed: 7);
        scheduler.Advance(200);
        var bytes = Checkpoint(model);
        var v3 = bytes[..^10];
        BitConverter.GetBytes(3).CopyTo(v3, 0);
        var (resumed, _) = New(seed: 8);
        resumed.Lesion([resumed.Sizes[0]], []);
        resumed.ReadCheckpoint(new BinaryReader(new MemoryStream(v3)));
        Assert.False(resumed.IsLesioned(resumed.Sizes[0]));
        Assert.Equal(Bits(model.State), Bits(resumed.State));
        Assert.Equal(bytes, Checkpoint(resumed));
    }

    private static byte[] Checkpoint(MicrocircuitModel model)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer))
        {
            model.WriteCheckpoint(writer);
        }

        return buffer.ToArray();
    }

    /// <summary>The blocks holding synapses of hidden neuron <see cref="Hidden"/>: row (incoming) or column (outgoing).</summary>
    private static (double[] Values, int Columns, bool Row, bool Column)[] SynapsesOfHidden(MicrocircuitModel model) =>
    [
        (model.Weights.Up(0).ToArray(), model.Sizes[0], true, false),
        (model.Weights.Up(1).ToArray(), model.Sizes[1], false, true),
        (model.Weights.Down(0).ToArray(), model.Sizes[2], true, false),
        (model.Weights.InterneuronToPyramidal(0).ToArray(), model.Sizes[2], true, false),
        (model.Weights.PyramidalToInterneuron(0).ToArray(), model.Sizes[1], false, true),
    ];

    private static List<int> Column(Span<double> block, int columns) =>
        [.. Enumerable.Range(0, block.Length).Where(e => e % columns == Hidden)];

    private static (MicrocircuitModel, Scheduler) New(ulong seed) => Circuits.NoisyCoupled(seed, MicrocircuitRates.SingleAssociation with { TopDown = [1e-4] });


    private static long[] Bits(ReadOnlySpan<double> values) => [.. values.ToArray().Select(BitConverter.DoubleToInt64Bits)];
}

namespace NeuroSim.Models.Microcircuit;

/// <summary>
/// Lesions: a lesioned pyramidal neuron or interneuron fires at rate 0 from then on (its potential keeps its own
/// dynamics but reaches nothing; a lesioned pyramidal neuron no longer nudges its interneuron partner either), and
/// every synapse onto and from it, biases included, is set to 0 and kept there (its plasticity induction too). A removed
/// synapse is one weight set to 0 and kept there. Both last for the rest of the run (checkpoints keep them); with none, nothing changes.
/// </summary>
public sealed partial class MicrocircuitModel
{
    private bool[]? lesionedNeurons;
    private bool[]? removedWeights;

    /// <summary>True when neuron <paramref name="neuron"/> (index into the flat neuron vectors) is lesioned.</summary>
    public bool IsLesioned(int neuron) => lesionedNeurons is { } l && neuron >= Sizes[0] && l[neuron - Sizes[0]];

    /// <summary>True when entry <paramref name="entry"/> of <see cref="MicrocircuitWeights.All"/> is removed (kept at 0).</summary>
    public bool IsRemoved(int entry) => removedWeights is { } r && r[entry];

    /// <summary>Lesions pyramidal neurons and interneurons (flat neuron indices; L0 is refused) and removes weight entries (indices into <see cref="MicrocircuitWeights.All"/>).</summary>
    public void Lesion(IReadOnlyCollection<int> neurons, IReadOnlyCollection<int> weightEntries)
    {
        ArgumentNullException.ThrowIfNull(neurons);
        ArgumentNullException.ThrowIfNull(weightEntries);
        var entries = new List<int>(weightEntries);
        foreach (var neuron in neurons)
        {
            entries.AddRange(SynapsesOf(neuron));
        }

        foreach (var neuron in neurons)
        {
            (lesionedNeurons ??= new bool[NeuronCount - Sizes[0]])[neuron - Sizes[0]] = true;
        }

        var all = Weights.All;
        var induction = Induction.All;
        foreach (var entry in entries)
        {
            (removedWeights ??= new bool[Weights.Length])[entry] = true;
            all[entry] = 0.0;
            induction[entry] = 0.0;
        }
    }

    /// <summary>Every weight entry onto and from neuron <paramref name="neuron"/> (a pyramidal neuron or interneuron; flat index), biases included.</summary>
    internal List<int> SynapsesOf(int neuron)
    {
        if (neuron < Sizes[0] || neuron >= NeuronCount)
        {
            throw new ArgumentException(neuron < Sizes[0] && neuron >= 0
                ? "the input layer L0 cannot be lesioned: it is only its rates (use clamp_input to set them to 0)"
                : $"neuron {neuron} is not a pyramidal neuron or interneuron of the microcircuit");
        }

        var entries = new List<int>();
        var soma = neuron - Sizes[0];
        if (soma >= Activity.PyramidalCount)
        {
            var p = 0;
            while (soma - Activity.PyramidalCount >= Activity.InterneuronStart(p) + Sizes[p + 2])
            {
                p++;
            }

            var j = soma - Activity.PyramidalCount - Activity.InterneuronStart(p);
            Row(entries, WeightClass.PyramidalToInterneuron, p, j);
            Row(entries, WeightClass.InterneuronBias, p, j);
            Column(entries, WeightClass.InterneuronToPyramidal, p, j);
            return entries;
        }

        var l = 0;
        while (soma >= Activity.PyramidalStart(l + 1))
        {
            l++;
        }

        var i = soma - Activity.PyramidalStart(l);
        Row(entries, WeightClass.Up, l, i);
        Row(entries, WeightClass.UpBias, l, i);
        if (l + 1 < Layers)
        {
            Column(entries, WeightClass.Up, l + 1, i);
            Row(entries, WeightClass.Down, l, i);
            Row(entries, WeightClass.InterneuronToPyramidal, l, i);
            Column(entries, WeightClass.PyramidalToInterneuron, l, i);
        }

        if (l > 0)
        {
            Column(entries, WeightClass.Down, l - 1, i);
        }

        return entries;
    }

    /// <summary>The weight entry of synapse <paramref name="projection"/> ("pre->post", as in weights/*.csv and the W_up, B, W_ip, W_pi monitors) from pre <paramref name="pre"/> to post <paramref name="post"/>.</summary>
    internal int SynapseEntry(string projection, int post, int pre)
    {
        var kinds = new[] { WeightClass.Up, WeightClass.Down, WeightClass.PyramidalToInterneuron, WeightClass.InterneuronToPyramidal };
        var names = kinds.SelectMany(kind => Enumerable.Range(0, Weights.CountOf(kind)).Select(l => (kind, l, name: ProjectionName(kind, l)))).ToList();
        var (k, layer, _) = names.FirstOrDefault(n => n.name == projection);
        if (!names.Any(n => n.name == projection))
        {
            throw new ArgumentException($"unknown projection '{projection}'; valid: {string.Join(", ", names.Select(n => n.name))}");
        }

        var (rows, columns) = Weights.ShapeOf(k, layer);
        if (post < 0 || post >= rows || pre < 0 || pre >= columns)
        {
            throw new ArgumentException($"synapse {projection}:{post},{pre} is out of range; post 0..{rows - 1}, pre 0..{columns - 1}");
        }

        return Weights.OffsetOf(k, layer) + (post * columns) + pre;
    }

    private void WriteLesions(BinaryWriter writer)
    {
        WriteMask(writer, lesionedNeurons);
        WriteMask(writer, removedWeights);
    }

    private void ReadLesions(BinaryReader reader)
    {
        lesionedNeurons = ReadMask(reader, NeuronCount - Sizes[0]);
        removedWeights = ReadMask(reader, Weights.Length);
    }

    private static void WriteMask(BinaryWriter writer, bool[]? mask)
    {
        var set = mask is null ? [] : Enumerable.Range(0, mask.Length).Where(k => mask[k]).ToArray();
        writer.Write(mask is not null);
        writer.Write(set.Length);
        foreach (var k in set)
        {
            writer.Write(k);
        }
    }

    private static bool[]? ReadMask(BinaryReader reader, int length)
    {
        var present = reader.ReadBoolean();
        var count = reader.ReadInt32();
        var mask = present ? new bool[length] : null;
        for (var n = 0; n < count; n++)
        {
            var k = reader.ReadInt32();
            if (mask is null || k < 0 || k >= length)
            {
                throw new InvalidDataException($"checkpoint lesion entry {k} does not fit this microcircuit: it was written by a different network");
            }

            mask[k] = true;
        }

        return mask;
    }

    private void Row(List<int> entries, WeightClass kind, int layer, int row)
    {
        var (_, columns) = Weights.ShapeOf(kind, layer);
        var start = Weights.OffsetOf(kind, layer) + (row * columns);
        entries.AddRange(Enumerable.Range(start, columns));
    }

    private void Column(List<int> entries, WeightClass kind, int layer, int column)
    {
        var (rows, columns) = Weights.ShapeOf(kind, layer);
        var start = Weights.OffsetOf(kind, layer) + column;
        entries.AddRange(Enumerable.Range(0, rows).Select(r => start + (r * columns)));
    }
}

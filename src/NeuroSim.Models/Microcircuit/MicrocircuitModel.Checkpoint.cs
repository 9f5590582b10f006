using NeuroSim.Core.Randomness;

namespace NeuroSim.Models.Microcircuit;

/// <summary>Saving and restoring everything about the microcircuit that a run can change.</summary>
public sealed partial class MicrocircuitModel
{
    private const int CheckpointVersion = 4;

    /// <summary>Writes the state vector (potentials, filters, induction, weights), the stimulus, every switch, the noise stream, the per-class gains, the drives, the noise switch, any held snapshot and the lesions.</summary>
    public void WriteCheckpoint(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(CheckpointVersion);
        Write(writer, state);
        Write(writer, inputPattern);
        Write(writer, targetPotential);
        writer.Write(Nudging);
        writer.Write(InterneuronGate);
        writer.Write(InterneuronsSilenced);
        writer.Write(PlasticityGain);
        noise.WriteState(writer);
        Write(writer, classGains);
        writer.Write(drivesActive);
        foreach (var pool in drives)
        {
            Write(writer, pool);
        }

        WriteSnapshot(writer);
        WriteLesions(writer);
    }

    /// <summary>Restores what <see cref="WriteCheckpoint"/> wrote, into a model built from the same spec.</summary>
    public void ReadCheckpoint(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var version = reader.ReadInt32();
        if (version is < 1 or > CheckpointVersion)
        {
            throw new InvalidDataException($"microcircuit checkpoint version {version}; this NeuroSim reads version {CheckpointVersion}");
        }

        Read(reader, state);
        Read(reader, inputPattern);
        Read(reader, targetPotential);
        Nudging = reader.ReadBoolean();
        InterneuronGate = reader.ReadDouble();
        InterneuronsSilenced = reader.ReadBoolean();
        PlasticityGain = reader.ReadDouble();
        noise.ReadState(reader);
        if (version == 1)
        {
            // Written before per-class gains and drives existed: neither was in use.
            classGains.AsSpan().Fill(1.0);
            drivesActive = false;
            lesionedNeurons = null;
            removedWeights = null;
            return;
        }

        Read(reader, classGains);
        drivesActive = reader.ReadBoolean();
        foreach (var pool in drives)
        {
            Read(reader, pool);
        }

        if (version >= 3)
        {
            ReadSnapshot(reader);
        }
        else
        {
            // Written before the noise switch and snapshots existed.
            NoiseOn = true;
        }

        if (version >= 4)
        {
            ReadLesions(reader);
        }
        else
        {
            // Written before lesions existed.
            lesionedNeurons = null;
            removedWeights = null;
        }
    }

    private static void Write(BinaryWriter writer, double[] values)
    {
        writer.Write(values.Length);
        foreach (var v in values)
        {
            writer.Write(v);
        }
    }

    private static void Read(BinaryReader reader, double[] into)
    {
        var length = reader.ReadInt32();
        if (length != into.Length)
        {
            throw new InvalidDataException($"checkpoint holds {length} values where this microcircuit has {into.Length}: it was written by a different network");
        }

        for (var k = 0; k < length; k++)
        {
            into[k] = reader.ReadDouble();
        }
    }
}

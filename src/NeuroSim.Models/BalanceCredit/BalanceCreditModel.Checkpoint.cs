namespace NeuroSim.Models.BalanceCredit;

/// <summary>Saving and restoring everything about the model that a run can change.</summary>
public sealed partial class BalanceCreditModel
{
    /// <summary>Writes the state vector, every stimulation input, the parameters and the synapse presence.</summary>
    public void WriteCheckpoint(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        WriteArray(writer, state);
        WriteArray(writer, fixedBiases);
        WriteArray(writer, rateClamped);
        WriteArray(writer, clampedRate);
        WriteArray(writer, teaching);
        WriteArray(writer, target);
        WriteArray(writer, creditHeld);
        WriteArray(writer, excitatoryDrive);
        WriteArray(writer, inhibitoryDrive);
        WriteArray(writer, creditDrive);
        WriteArray(writer, rateDrive);
        WriteArray(writer, retrogradeGains);
        WriteArray(writer, plasticityGains);
        writer.Write(Timescales.FiringMs);
        writer.Write(Timescales.CreditMs);
        writer.Write(Timescales.PlasticityMs);
        writer.Write(Timescales.MessengerMs ?? double.NaN);
        writer.Write(Timescales.SynapticExcitatoryMs ?? double.NaN);
        writer.Write(Timescales.SynapticInhibitoryMs ?? double.NaN);
        writer.Write(LearningRate);
        writer.Write(BiasPlasticityGain);
        writer.Write(Spillover);
        writer.Write((int)OutputCreditMode);
        foreach (var p in Network.Projections)
        {
            WriteArray(writer, p.PresenceSnapshot());
        }
    }

    /// <summary>Restores what <see cref="WriteCheckpoint"/> wrote, into a model built from the same spec.</summary>
    public void ReadCheckpoint(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ReadArray(reader, state);
        singleWeightsCurrent = false;
        evaluationCurrent = false;
        ReadArray(reader, fixedBiases);
        ReadArray(reader, rateClamped);
        ReadArray(reader, clampedRate);
        ReadArray(reader, teaching);
        ReadArray(reader, target);
        ReadArray(reader, creditHeld);
        ReadArray(reader, excitatoryDrive);
        ReadArray(reader, inhibitoryDrive);
        ReadArray(reader, creditDrive);
        ReadArray(reader, rateDrive);
        ReadArray(reader, retrogradeGains);
        ReadArray(reader, plasticityGains);
        var firing = reader.ReadDouble();
        var credit = reader.ReadDouble();
        var plasticity = reader.ReadDouble();
        var messenger = reader.ReadDouble();
        var synapticE = reader.ReadDouble();
        var synapticI = reader.ReadDouble();
        Timescales = new Timescales(firing, credit, plasticity, double.IsNaN(messenger) ? null : messenger)
        {
            SynapticExcitatoryMs = double.IsNaN(synapticE) ? null : synapticE,
            SynapticInhibitoryMs = double.IsNaN(synapticI) ? null : synapticI,
        };
        LearningRate = reader.ReadDouble();
        BiasPlasticityGain = reader.ReadDouble();
        Spillover = reader.ReadDouble();
        OutputCreditMode = (OutputCreditMode)reader.ReadInt32();
        foreach (var p in Network.Projections)
        {
            var present = new bool[p.SlotCount];
            ReadArray(reader, present);
            p.RestorePresence(present);
        }
    }

    private static void WriteArray(BinaryWriter writer, double[] values)
    {
        writer.Write(values.Length);
        foreach (var v in values)
        {
            writer.Write(v);
        }
    }

    private static void WriteArray(BinaryWriter writer, bool[] values)
    {
        writer.Write(values.Length);
        foreach (var v in values)
        {
            writer.Write(v);
        }
    }

    private static void ReadArray(BinaryReader reader, double[] values)
    {
        CheckLength(reader.ReadInt32(), values.Length);
        for (var k = 0; k < values.Length; k++)
        {
            values[k] = reader.ReadDouble();
        }
    }

    private static void ReadArray(BinaryReader reader, bool[] values)
    {
        CheckLength(reader.ReadInt32(), values.Length);
        for (var k = 0; k < values.Length; k++)
        {
            values[k] = reader.ReadBoolean();
        }
    }

    private static void CheckLength(int stored, int expected)
    {
        if (stored != expected)
        {
            throw new InvalidDataException($"checkpoint holds {stored} values where the model has {expected}: it was written by a different model");
        }
    }
}

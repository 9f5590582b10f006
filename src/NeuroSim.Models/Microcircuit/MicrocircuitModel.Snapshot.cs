namespace NeuroSim.Models.Microcircuit;

/// <summary>The noise switch, the output rate error and the in-memory snapshot that lets a protocol test the circuit and go on training as if it had not.</summary>
public sealed partial class MicrocircuitModel
{
    private Snapshot? snapshot;

    /// <summary>False silences the somatic noise (no draws from the noise stream, so it resumes where it stopped); true restores sigma.</summary>
    public bool NoiseOn { get; set; } = true;

    /// <summary>True while a snapshot is held (<see cref="SaveSnapshot"/> and not yet restored).</summary>
    public bool HasSnapshot => snapshot is not null;

    /// <summary>
    /// ||phi(u_N) - phi(u_trgt)||^2 against the last target set (zeros before any), from the last evaluation: with
    /// u_trgt = phi^-1(r_trgt) this is ||r_out - r_trgt||^2, the regression test error when measured unnudged.
    /// </summary>
    public double OutputRateErrorSquared()
    {
        var rates = Activity.PyramidalRate(Layers - 1);
        var sum = 0.0;
        for (var k = 0; k < rates.Length; k++)
        {
            var d = rates[k] - phi.Value(targetPotential[k]);
            sum += d * d;
        }

        return sum;
    }

    /// <summary>
    /// Saves everything a test block may change but the weights: potentials, filtered input and target, plasticity
    /// induction, stimulus, target, nudging, per-class gains, the noise switch and the drives. Refused while a snapshot is held.
    /// </summary>
    /// <summary>Whether the timeline compiled so far holds a snapshot (compile-time bookkeeping of the snapshot action).</summary>
    internal bool SnapshotHeldWhileCompiling { get; set; }

    public void SaveSnapshot()
    {
        if (snapshot is not null)
        {
            throw new InvalidOperationException("a snapshot is already held: restore it before saving another");
        }

        snapshot = new Snapshot(
            state[..WeightRange.Start.Value], state[WeightRange.End.Value..], [.. inputPattern], [.. targetPotential], Nudging, [.. classGains], NoiseOn, drivesActive, [.. drives.Select(d => d.ToArray())]);
    }

    /// <summary>Puts back what <see cref="SaveSnapshot"/> saved (the weights stay as they are) and drops the snapshot.</summary>
    public void RestoreSnapshot()
    {
        var saved = snapshot ?? throw new InvalidOperationException("no snapshot to restore: save one first");
        saved.Before.CopyTo(state, 0);
        saved.After.CopyTo(state, WeightRange.End.Value);
        saved.Input.CopyTo(inputPattern, 0);
        saved.Target.CopyTo(targetPotential, 0);
        Nudging = saved.Nudging;
        saved.Gains.CopyTo(classGains, 0);
        NoiseOn = saved.NoiseOn;
        drivesActive = saved.DrivesActive;
        for (var k = 0; k < drives.Length; k++)
        {
            saved.Drives[k].CopyTo(drives[k], 0);
        }

        snapshot = null;
    }

    private void WriteSnapshot(BinaryWriter writer)
    {
        writer.Write(NoiseOn);
        writer.Write(snapshot is not null);
        if (snapshot is { } s)
        {
            Write(writer, s.Before);
            Write(writer, s.After);
            Write(writer, s.Input);
            Write(writer, s.Target);
            writer.Write(s.Nudging);
            Write(writer, s.Gains);
            writer.Write(s.NoiseOn);
            writer.Write(s.DrivesActive);
            foreach (var pool in s.Drives)
            {
                Write(writer, pool);
            }
        }
    }

    private void ReadSnapshot(BinaryReader reader)
    {
        NoiseOn = reader.ReadBoolean();
        snapshot = null;
        if (!reader.ReadBoolean())
        {
            return;
        }

        var before = new double[WeightRange.Start.Value];
        var after = new double[state.Length - WeightRange.End.Value];
        var input = new double[inputPattern.Length];
        var target = new double[targetPotential.Length];
        Read(reader, before);
        Read(reader, after);
        Read(reader, input);
        Read(reader, target);
        var nudging = reader.ReadBoolean();
        var gains = new double[classGains.Length];
        Read(reader, gains);
        var noiseOn = reader.ReadBoolean();
        var active = reader.ReadBoolean();
        var pools = drives.Select(d => new double[d.Length]).ToArray();
        foreach (var pool in pools)
        {
            Read(reader, pool);
        }

        snapshot = new Snapshot(before, after, input, target, nudging, gains, noiseOn, active, pools);
    }

    private sealed record Snapshot(double[] Before, double[] After, double[] Input, double[] Target, bool Nudging, double[] Gains, bool NoiseOn, bool DrivesActive, double[][] Drives);
}

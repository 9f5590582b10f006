using NeuroSim.Core.Scheduling;
using NeuroSim.Models.Microcircuit;

namespace NeuroSim.Tests.Microcircuit;

public sealed class ReproducibilityTests
{
    [Fact]
    public void The_same_seed_gives_a_bit_identical_noisy_learning_run_and_another_seed_does_not()
    {
        Assert.Equal(Run(seed: 4, steps: 3000), Run(seed: 4, steps: 3000));
        Assert.NotEqual(Run(seed: 4, steps: 3000), Run(seed: 5, steps: 3000));
    }

    [Fact]
    public void A_run_resumed_from_a_checkpoint_continues_bit_identically()
    {
        var straight = Run(seed: 6, steps: 3000);

        var (model, scheduler) = New(seed: 6);
        scheduler.Advance(1200);
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            model.WriteCheckpoint(writer);
        }

        buffer.Position = 0;
        var (resumed, resumedScheduler) = New(seed: 99);
        using (var reader = new BinaryReader(buffer))
        {
            resumed.ReadCheckpoint(reader);
        }

        resumedScheduler.Advance(1800);
        Assert.Equal(straight, Bits(resumed));
    }

    private static long[] Run(ulong seed, int steps)
    {
        var (model, scheduler) = New(seed);
        scheduler.Advance(steps);
        return Bits(model);
    }

    private static (MicrocircuitModel, Scheduler) New(ulong seed) => Circuits.NoisyCoupled(seed, MicrocircuitRates.SingleAssociation);


    private static long[] Bits(MicrocircuitModel model) => [.. model.State.ToArray().Select(BitConverter.DoubleToInt64Bits)];
}

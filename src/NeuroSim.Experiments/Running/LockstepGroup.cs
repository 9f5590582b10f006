using NeuroSim.Core.Scheduling;
using NeuroSim.Models.BalanceCredit;

namespace NeuroSim.Experiments;

/// <summary>
/// Runs that step their models in lock step (<see cref="ILockstep"/>): each member runs on its own thread exactly as it
/// would alone (its own protocol, monitors, checkpoints, folder), and whenever every member still running has asked its
/// scheduler to advance, the members at the same clock step asking for the same steps whose models the batched stepper
/// takes (<see cref="BalanceCreditBatch"/>: same shape, supported schedule) are advanced together, eight at a time; every
/// other member advances alone. Either way each model ends bit for bit where it would have alone. Each of the
/// <paramref name="members"/> runs takes its handle with <see cref="Join"/> (its <see cref="RunRequest.Lockstep"/>) and must
/// <see cref="LockstepMember.Leave"/> when it will not advance any more (its run ended, or never started); a member whose
/// model the batch does not take leaves by itself at its first advance and steps alone from then on, without waiting.
/// </summary>
public sealed class LockstepGroup(int members, CancellationToken interrupt)
{
    private readonly object gate = new();
    private readonly List<Request> waiting = [];
    private int active = members;

    /// <summary>Batched advances taken so far (tests and diagnostics), counting each batch once.</summary>
    public int BatchedAdvances { get; private set; }

    /// <summary>The handle of one member (one of the group's <c>members</c>).</summary>
    public LockstepMember Join() => new(this);

    internal long Advance(LockstepMember member, Scheduler scheduler, long steps, IStepObserver? observer)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        if (BalanceCreditBatch.Unsupported(scheduler) is not null)
        {
            // Never batched: the others need not wait for it.
            member.Leave();
            scheduler.Lockstep = null;
            return scheduler.AdvanceAlone(steps, observer);
        }

        var request = new Request(scheduler, steps);
        lock (gate)
        {
            waiting.Add(request);
            if (waiting.Count >= active)
            {
                Round();
            }

            while (!request.Released)
            {
                Monitor.Wait(gate);
            }
        }

        if (request.Taken is not { } taken)
        {
            return scheduler.AdvanceAlone(steps, observer);
        }

        // The batch stopped at the first step where some member's fast state was not finite or the interrupt came: this
        // member's own checks run on that step, as they would have alone (it throws if this member diverged there).
        if (taken > 0 && observer is not null)
        {
            observer.AfterStep();
        }

        return taken;
    }

    /// <summary>A member will not advance again: the others no longer wait for it.</summary>
    internal void Leave(LockstepMember member)
    {
        lock (gate)
        {
            if (!member.Joined)
            {
                return;
            }

            member.Joined = false;
            active--;
            if (active > 0 && waiting.Count >= active)
            {
                Round();
            }
        }
    }

    /// <summary>Every member still running is waiting: the batches advance here (under the lock), the rest are released to advance alone.</summary>
    private void Round()
    {
        var requests = waiting.ToList();
        waiting.Clear();
        try
        {
            AdvanceBatches(requests);
        }
        finally
        {
            // Whatever happened, nobody waits any longer: a member without a batched result advances alone.
            foreach (var r in requests)
            {
                r.Released = true;
            }

            Monitor.PulseAll(gate);
        }
    }

    private void AdvanceBatches(List<Request> requests)
    {
        foreach (var same in requests.GroupBy(r => (r.Scheduler.Clock.Step, r.Steps)))
        {
            var batchable = same.Where(r => BalanceCreditBatch.Unsupported(r.Scheduler) is null).ToList();
            while (batchable.Count > 1)
            {
                var batch = batchable.Where(r => BalanceCreditBatch.Compatible(batchable[0].Scheduler, r.Scheduler)).Take(BalanceCreditBatch.Lanes).ToList();
                batchable.RemoveAll(batch.Contains);
                if (batch.Count < 2)
                {
                    continue;
                }

                var taken = BalanceCreditBatch.Advance([.. batch.Select(r => r.Scheduler)], same.Key.Steps, interrupt);
                BatchedAdvances++;
                foreach (var r in batch)
                {
                    r.Taken = taken;
                }
            }
        }
    }

    private sealed class Request(Scheduler scheduler, long steps)
    {
        public Scheduler Scheduler { get; } = scheduler;

        public long Steps { get; } = steps;

        public long? Taken { get; set; }

        public bool Released { get; set; }
    }
}

/// <summary>One run's place in a <see cref="LockstepGroup"/>: its scheduler's <see cref="ILockstep"/>.</summary>
public sealed class LockstepMember : ILockstep
{
    private readonly LockstepGroup group;

    internal LockstepMember(LockstepGroup group) => this.group = group;

    internal bool Joined { get; set; } = true;

    public long Advance(Scheduler scheduler, long steps, IStepObserver? observer) => group.Advance(this, scheduler, steps, observer);

    /// <summary>This run will not advance again (idempotent): the others no longer wait for it.</summary>
    public void Leave() => group.Leave(this);
}

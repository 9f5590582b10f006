using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using NeuroSim.Core.Connectivity;
using NeuroSim.Core.Integration;
using NeuroSim.Core.Kernels;
using NeuroSim.Core.Scheduling;

namespace NeuroSim.Models.BalanceCredit;

/// <summary>
/// Up to eight balance-credit networks of the same shape stepped in lock step, bit for bit as each one's own
/// <see cref="Scheduler.AdvanceAlone"/>: every per-neuron and per-synapse value is stored batch-innermost
/// (value[i * 8 + b] for network b) and each network is one lane of a 512-bit vector, so that every lane does exactly the
/// operations of the single-network path in the same order. Elementwise formulas are the shared ones
/// (<see cref="Elementwise"/>, <see cref="SemilinearDerivative"/>, <see cref="Network.NetInput(double, double, double)"/>,
/// the integrators' <see cref="VectorKernels.StageOf"/> and <see cref="VectorKernels.Rk4Combine"/> over the lane arrays);
/// a pooled row sum keeps the eight column lanes and reduction tree of VectorKernels.PoolRow per
/// network; the nonlinearity is the models' own (<see cref="BalanceCreditModel.EvaluateActivationAndBalance"/>, elementwise, on
/// the lane arrays; the networks of a batch have the same activation).
/// <para>
/// The one schedule it takes is the separation study's: multirate, firing and credit rk4 and plasticity euler, every
/// process every base step, dense projections with every synapse present, no messengers, synaptic filters or learned
/// biases, f = sigma' (<see cref="Unsupported"/> says why another is not taken; callers then step each network alone).
/// A step is: firing (rk4 over x, the pools evaluated at each stage), the constraints, credit (rk4 over c, s frozen at the
/// new rates: W^T delta summed row by row as the transposed kernel does), the constraints, plasticity (w += ((a x) h),
/// a = eta/tau_w gain delta), the constraints.
/// </para>
/// </summary>
public sealed unsafe class BalanceCreditBatch
{
    /// <summary>Networks per batch: one per element of a 512-bit vector of doubles.</summary>
    public const int Lanes = 8;

    private readonly BalanceCreditModel[] lanes;
    private readonly int members;
    private readonly int n;
    private readonly int synapses;
    private readonly int ratesStart;
    private readonly int creditStart;
    private readonly int weightsStart;
    private readonly Projection[] projections;
    private readonly bool[] clamped;
    private readonly bool[] replaced;
    private readonly bool[] held;
    private readonly bool[] teaching;
    private readonly bool inject;
    private readonly (int First, int Count)[] evaluated;
    private readonly double firingStep;
    private readonly double creditStep;
    private readonly double plasticityStep;

    private readonly Vector512<double> firingRate;
    private readonly Vector512<double> creditRate;
    private readonly Vector512<double>[] retrogradeGain;
    private readonly Vector512<double>[] plasticityScale;

    // Lane arrays (pinned, batch-innermost).
    private readonly double* x;
    private readonly double* c;
    private readonly double* w;
    private readonly double* bias;
    private readonly double* excitatoryDrive;
    private readonly double* inhibitoryDrive;
    private readonly double* creditDrive;
    private readonly double* rateDrive;
    private readonly double* clampedRate;
    private readonly double* target;
    private readonly double* excitatory;
    private readonly double* inhibitory;
    private readonly double* activation;
    private readonly double* balance;
    private readonly double* delta;
    private readonly double* retrograde;
    private readonly double* stage;
    private readonly double* k1;
    private readonly double* k2;
    private readonly double* k3;
    private readonly double* k4;

    private readonly double* netInput;
    private readonly BalanceCreditModel nonlinearity;
    private readonly double[][] pinned;

    private BalanceCreditBatch(IReadOnlyList<Scheduler> schedulers)
    {
        members = schedulers.Count;
        lanes = new BalanceCreditModel[Lanes];
        for (var l = 0; l < Lanes; l++)
        {
            lanes[l] = (BalanceCreditModel)schedulers[Math.Min(l, members - 1)].Model;
        }

        var first = lanes[0];
        var options = schedulers[0].Options;
        n = first.Network.NeuronCount;
        synapses = first.Network.SynapseCount;
        ratesStart = first.RatesRange.Start.Value;
        creditStart = first.CreditRange.Start.Value;
        weightsStart = first.WeightsRange.Start.Value;
        projections = [.. first.Network.Projections];
        clamped = [.. first.ForBatch.RateClamped];
        teaching = [.. first.ForBatch.Teaching];
        var replace = first.OutputCreditMode == OutputCreditMode.Replace;
        inject = first.OutputCreditMode == OutputCreditMode.Inject;
        replaced = [.. teaching.Select(t => t && replace)];
        held = [.. first.ForBatch.CreditHeld];
        evaluated = BalanceCreditModel.RunsWhereFalse(clamped);
        firingStep = schedulers[0].ProcessPeriods[0] * options.DtMs;
        creditStep = schedulers[0].ProcessPeriods[1] * options.DtMs;
        plasticityStep = schedulers[0].ProcessPeriods[2] * options.DtMs;

        firingRate = PerLane(m => 1.0 / m.Timescales.FiringMs);
        creditRate = PerLane(m => 1.0 / m.Timescales.CreditMs);
        retrogradeGain = [.. Enumerable.Range(0, projections.Length).Select(k => PerLane(m => m.ForBatch.RetrogradeGains[k]))];
        plasticityScale = [.. Enumerable.Range(0, projections.Length).Select(k => PerLane(m => m.ForBatch.PlasticityRate * m.ForBatch.PlasticityGains[k]))];

        List<double[]> arrays = [];
        double* New(int count)
        {
            var array = GC.AllocateArray<double>(count * Lanes, pinned: true);
            arrays.Add(array);
            return (double*)Unsafe.AsPointer(ref array[0]);
        }

        x = New(n);
        c = New(n);
        w = New(Math.Max(1, synapses));
        bias = New(n);
        excitatoryDrive = New(n);
        inhibitoryDrive = New(n);
        creditDrive = New(n);
        rateDrive = New(n);
        clampedRate = New(n);
        target = New(n);
        excitatory = New(n);
        inhibitory = New(n);
        activation = New(n);
        balance = New(n);
        delta = New(n);
        retrograde = New(n);
        stage = New(n);
        k1 = New(n);
        k2 = New(n);
        k3 = New(n);
        k4 = New(n);
        netInput = New(n);
        pinned = [.. arrays];
        nonlinearity = first;
    }

    /// <summary>Why the batch cannot step this scheduler's model (null: it can).</summary>
    public static string? Unsupported(Scheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        if (scheduler.Model is not BalanceCreditModel m)
        {
            return "not a balance-credit model";
        }

        var o = scheduler.Options;
        if (o.Mode != SchedulerMode.Multirate || o.SinglePrecisionWeights)
        {
            return "only multirate mode with double weights";
        }

        if (m.HasMessengers || m.HasSynapticFilters || m.LearnsBiases || !m.ForBatch.BalanceIsSlope || m.Network.SynapseCount == 0)
        {
            return "messengers, synaptic filters, learned biases, another balance function or no synapses";
        }

        if (m.Processes.Count != 3 || m.Processes[0] is not FiringProcess || m.Processes[1] is not CreditProcess || m.Processes[2] is not PlasticityProcess)
        {
            return "processes other than firing, credit, plasticity";
        }

        if (scheduler.ProcessIntegrators[0] is not RungeKutta4 || scheduler.ProcessIntegrators[1] is not RungeKutta4 || scheduler.ProcessIntegrators[2] is not ForwardEuler
            || scheduler.ProcessPeriods.Any(p => p != 1))
        {
            return "only firing rk4, credit rk4 and plasticity euler, every base step";
        }

        if (m.Network.Projections.Any(p => p is not DenseProjection || p.ConnectionCount != p.SlotCount))
        {
            return "only dense projections with every synapse present";
        }

        return null;
    }

    /// <summary>Whether two models can share a batch: the same shape, masks, output credit mode and step (everything else may differ per network).</summary>
    public static bool Compatible(Scheduler a, Scheduler b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Model is not BalanceCreditModel ma || b.Model is not BalanceCreditModel mb)
        {
            return false;
        }

        static bool SameShape(Projection p, Projection q) =>
            p.Pre.Offset == q.Pre.Offset && p.Pre.Size == q.Pre.Size && p.Post.Offset == q.Post.Offset && p.Post.Size == q.Post.Size && p.SynapseOffset == q.SynapseOffset;
        var (va, vb) = (ma.ForBatch, mb.ForBatch);
        return a.Options.DtMs.Equals(b.Options.DtMs)
            && va.State.Length == vb.State.Length
            && ma.Network.NeuronCount == mb.Network.NeuronCount
            && ma.WeightsRange.Equals(mb.WeightsRange)
            && ma.Network.Projections.Count == mb.Network.Projections.Count
            && ma.Network.Projections.Zip(mb.Network.Projections).All(pq => SameShape(pq.First, pq.Second))
            && ma.OutputCreditMode == mb.OutputCreditMode
            && ma.Activation.GetType() == mb.Activation.GetType() && ma.Activation.Name == mb.Activation.Name
            && va.RateClamped.AsSpan().SequenceEqual(vb.RateClamped)
            && va.Teaching.AsSpan().SequenceEqual(vb.Teaching)
            && va.CreditHeld.AsSpan().SequenceEqual(vb.CreditHeld);
    }

    /// <summary>
    /// Advances every scheduler of <paramref name="schedulers"/> (1 to 8, each <see cref="Unsupported"/> null, pairwise
    /// <see cref="Compatible"/>, all at the same clock step) by up to <paramref name="steps"/> base steps together; stops
    /// after the first step at which some network's rates or credit are not finite, or <paramref name="interrupt"/> is
    /// signalled. Each model and clock then hold exactly what <see cref="Scheduler.AdvanceAlone"/> would have left after that
    /// many steps. Returns the steps advanced.
    /// </summary>
    public static long Advance(IReadOnlyList<Scheduler> schedulers, long steps, CancellationToken interrupt)
    {
        ArgumentNullException.ThrowIfNull(schedulers);
        if (schedulers.Count is < 1 or > Lanes)
        {
            throw new ArgumentException($"a batch holds 1 to {Lanes} networks, not {schedulers.Count}", nameof(schedulers));
        }

        var batch = new BalanceCreditBatch(schedulers);
        batch.Gather();
        long taken = 0;
        while (taken < steps)
        {
            batch.Step();
            taken++;
            if (!batch.Finite() || interrupt.IsCancellationRequested)
            {
                break;
            }
        }

        batch.Scatter();
        for (var l = 0; l < schedulers.Count; l++)
        {
            schedulers[l].Clock.Step += taken;
        }

        GC.KeepAlive(batch.pinned);
        return taken;
    }

    private Vector512<double> PerLane(Func<BalanceCreditModel, double> value)
    {
        var values = new double[Lanes];
        for (var l = 0; l < Lanes; l++)
        {
            values[l] = value(lanes[l]);
        }

        return Vector512.Create(values);
    }


    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Ld(double* array, int i) => Vector512.Load(array + ((long)i * Lanes));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void St(Vector512<double> v, double* array, int i) => v.Store(array + ((long)i * Lanes));

    private void Gather()
    {
        for (var l = 0; l < Lanes; l++)
        {
            var m = lanes[l].ForBatch;
            var state = m.State;
            Interleave(state.AsSpan(ratesStart, n), x, l);
            Interleave(state.AsSpan(creditStart, n), c, l);
            Interleave(state.AsSpan(weightsStart, synapses), w, l);
            Interleave(m.FixedBiases, bias, l);
            Interleave(m.ExcitatoryDrive, excitatoryDrive, l);
            Interleave(m.InhibitoryDrive, inhibitoryDrive, l);
            Interleave(m.CreditDrive, creditDrive, l);
            Interleave(m.RateDrive, rateDrive, l);
            Interleave(m.ClampedRate, clampedRate, l);
            Interleave(m.Target, target, l);
        }
    }

    private void Scatter()
    {
        for (var l = 0; l < members; l++)
        {
            // Through State: the models drop their kept evaluation (every path recomputes it with the same bits).
            var state = lanes[l].State;
            Deinterleave(x, l, state.Slice(ratesStart, n));
            Deinterleave(c, l, state.Slice(creditStart, n));
            Deinterleave(w, l, state.Slice(weightsStart, synapses));
        }
    }

    private static void Interleave(ReadOnlySpan<double> values, double* lanes, int lane)
    {
        for (var i = 0; i < values.Length; i++)
        {
            lanes[((long)i * Lanes) + lane] = values[i];
        }
    }

    private static void Deinterleave(double* lanes, int lane, Span<double> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = lanes[((long)i * Lanes) + lane];
        }
    }

    private bool Finite()
    {
        // v - v is +0 for a finite v and NaN otherwise; a NaN stays in the sum.
        var sum = Vector512<double>.Zero;
        for (var i = 0; i < n; i++)
        {
            var xi = Ld(x, i);
            var ci = Ld(c, i);
            sum += (xi - xi) + (ci - ci);
        }

        return Vector512.EqualsAll(sum, Vector512<double>.Zero);
    }

    private void Step()
    {
        // Firing: rk4 over the rates (RungeKutta4.Advance, each stage's slope from the pools at that stage).
        Rk4(x, firingStep, firing: true);
        Constraints();

        // Credit: s, sigma, f frozen at the new rates (CreditProcess.Freeze), then rk4 over the credit.
        Evaluate(x);
        Rk4(c, creditStep, firing: false);
        Constraints();

        // Plasticity (forward Euler; s and f as frozen above: the credit step moved neither x nor W).
        Plasticity();
        Constraints();
    }

    private void Rk4(double* y, double h, bool firing)
    {
        var half = 0.5 * h;
        var length = n * Lanes;
        Slope(y, k1, firing);
        VectorKernels.StageOf(stage, y, k1, half, length);
        Slope(stage, k2, firing);
        VectorKernels.StageOf(stage, y, k2, half, length);
        Slope(stage, k3, firing);
        VectorKernels.StageOf(stage, y, k3, h, length);
        Slope(stage, k4, firing);
        VectorKernels.Rk4Combine(y, k1, k2, k3, k4, h / 6.0, length);
    }

    private void Slope(double* y, double* k, bool firing)
    {
        if (firing)
        {
            FiringSlope(y, k);
        }
        else
        {
            CreditSlope(y, k);
        }
    }

    /// <summary>The firing slope at rates <paramref name="y"/> (FiringProcess.Drive and SemilinearDerivative.Evaluate: N - a y, with N = (sigma(s) + r) / tau_x and a = 1 / tau_x, both 0 on clamped neurons).</summary>
    private void FiringSlope(double* y, double* k)
    {
        Evaluate(y);
        var zero = Vector512<double>.Zero;
        for (var i = 0; i < n; i++)
        {
            if (clamped[i])
            {
                St(SemilinearDerivative.Of(zero, zero, Ld(y, i)), k, i);
            }
            else
            {
                var drive = (Ld(activation, i) + Ld(rateDrive, i)) * firingRate;
                St(SemilinearDerivative.Of(firingRate, drive, Ld(y, i)), k, i);
            }
        }
    }

    /// <summary>
    /// The credit slope at credit <paramref name="y"/> with the frozen evaluation (CreditProcess.Drive): delta, the
    /// retrograde sums W^T (gain delta) row by row in increasing row order (rows whose factor is 0 skipped, as the
    /// transposed kernel does), what each neuron collects, and N - a y.
    /// </summary>
    private void CreditSlope(double* y, double* k)
    {
        Delta(y);
        var zero = Vector512<double>.Zero;
        for (var i = 0; i < n; i++)
        {
            St(zero, retrograde, i);
        }

        EachRow<RetrogradeRow>(retrogradeGain);

        for (var i = 0; i < n; i++)
        {
            var cd = Ld(creditDrive, i);
            var collected = Ld(retrograde, i) + (cd + (inject && teaching[i] ? Ld(target, i) - Ld(x, i) : zero));
            var drive = replaced[i] ? zero : held[i] ? cd * creditRate : collected * creditRate;
            var leak = replaced[i] || held[i] ? zero : creditRate;
            St(SemilinearDerivative.Of(leak, drive, Ld(y, i)), k, i);
        }
    }

    /// <summary>delta = c f(s) (BalanceCreditModel.DeltaOf): y - x as c on replaced outputs, 0 on rate-clamped neurons.</summary>
    private void Delta(double* credit)
    {
        for (var i = 0; i < n; i++)
        {
            var ci = replaced[i] ? Ld(target, i) - Ld(x, i) : Ld(credit, i);
            St(clamped[i] ? Vector512<double>.Zero : ci * Ld(balance, i), delta, i);
        }
    }

    /// <summary>w += ((a_i x_j) h) with a_i = (eta / tau_w gain) delta_i: the plasticity step's row factors and update (EulerRow).</summary>
    private void Plasticity()
    {
        Delta(c);
        EachRow<PlasticityRow>(plasticityScale);
    }

    /// <summary>What a pass over the weight rows does with one row and its factor (coefficient x delta of the row's neuron).</summary>
    private interface IRowUpdate
    {
        static abstract void Apply(BalanceCreditBatch batch, double* row, int cols, int pre, Vector512<double> factor);
    }

    /// <summary>Every weight row of every projection with its factor <paramref name="coefficient"/>[projection] x delta_post.</summary>
    private void EachRow<TUpdate>(Vector512<double>[] coefficient)
        where TUpdate : struct, IRowUpdate
    {
        for (var p = 0; p < projections.Length; p++)
        {
            var projection = projections[p];
            int cols = projection.Pre.Size, post = projection.Post.Offset;
            for (var r = 0; r < projection.Post.Size; r++)
            {
                TUpdate.Apply(this, w + ((long)(projection.SynapseOffset + (r * cols)) * Lanes), cols, projection.Pre.Offset, coefficient[p] * Ld(delta, post + r));
            }
        }
    }

    /// <summary>retrograde_j += w_ij d_i, rows whose factor is 0 skipped (as the transposed kernel does).</summary>
    private readonly struct RetrogradeRow : IRowUpdate
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Apply(BalanceCreditBatch batch, double* row, int cols, int pre, Vector512<double> factor)
        {
            var skip = Vector512.Equals(factor, Vector512<double>.Zero);
            for (var j = 0; j < cols; j++)
            {
                var t = Ld(batch.retrograde, pre + j);
                St(Vector512.ConditionalSelect(skip, t, Elementwise.AddScaled<Vector512Ops, Vector512<double>>(t, Vector512.Load(row + ((long)j * Lanes)), factor)), batch.retrograde, pre + j);
            }
        }
    }

    /// <summary>w_ij += ((a_i x_j) h): the plasticity step's update (EulerRow).</summary>
    private readonly struct PlasticityRow : IRowUpdate
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Apply(BalanceCreditBatch batch, double* row, int cols, int pre, Vector512<double> factor)
        {
            var h = Vector512.Create(batch.plasticityStep);
            for (var j = 0; j < cols; j++)
            {
                var at = row + ((long)j * Lanes);
                Elementwise.AddScaled<Vector512Ops, Vector512<double>>(Vector512.Load(at), Elementwise.Scaled<Vector512Ops, Vector512<double>>(factor, Ld(batch.x, pre + j)), h).Store(at);
            }
        }
    }

    /// <summary>ApplyConstraints: clamped rates to their values, replaced output credit to y - x.</summary>
    private void Constraints()
    {
        for (var i = 0; i < n; i++)
        {
            if (clamped[i])
            {
                St(Ld(clampedRate, i), x, i);
            }

            if (replaced[i])
            {
                St(Ld(target, i) - Ld(x, i), c, i);
            }
        }
    }

    /// <summary>
    /// Pools, s, sigma(s) and f(s) at rates <paramref name="y"/> (Network.ComputePools and EvaluateActivationAndBalance):
    /// E = drive + each projection's pooled row sum (column j into lane j mod 8, in increasing j, the lanes added in the
    /// fixed tree), likewise I, s = E - I + b; sigma and f by each network's own nonlinearity, on the neurons that are not
    /// rate-clamped (nothing reads them on the others).
    /// </summary>
    private void Evaluate(double* y)
    {
        for (var i = 0; i < n; i++)
        {
            St(Ld(excitatoryDrive, i), excitatory, i);
            St(Ld(inhibitoryDrive, i), inhibitory, i);
        }

        Span<Vector512<double>> sumE = stackalloc Vector512<double>[VectorKernels.Lanes];
        Span<Vector512<double>> sumI = stackalloc Vector512<double>[VectorKernels.Lanes];
        foreach (var projection in projections)
        {
            int rows = projection.Post.Size, cols = projection.Pre.Size, pre = projection.Pre.Offset, post = projection.Post.Offset;
            var xs = y + ((long)pre * Lanes);
            for (var r = 0; r < rows; r++)
            {
                var row = w + ((long)(projection.SynapseOffset + (r * cols)) * Lanes);
                Vector512<double> e, inh;
                if (cols <= VectorKernels.Lanes)
                {
                    ShortRowPools(row, xs, cols, out e, out inh);
                }
                else
                {
                    sumE.Clear();
                    sumI.Clear();
                    for (var j = 0; j < cols; j++)
                    {
                        var wj = Vector512.Load(row + ((long)j * Lanes));
                        var xj = Vector512.Load(xs + ((long)j * Lanes));
                        sumE[j & 7] += Elementwise.Excitatory<Vector512Ops, Vector512<double>>(wj, xj);
                        sumI[j & 7] += Elementwise.Inhibitory<Vector512Ops, Vector512<double>>(wj, xj);
                    }

                    e = Elementwise.Reduce(sumE);
                    inh = Elementwise.Reduce(sumI);
                }

                St(Ld(excitatory, post + r) + e, excitatory, post + r);
                St(Ld(inhibitory, post + r) + inh, inhibitory, post + r);
            }
        }

        for (var i = 0; i < n; i++)
        {
            St(Network.NetInput(Ld(excitatory, i), Ld(inhibitory, i), Ld(bias, i)), netInput, i);
        }

        // The nonlinearity is elementwise: applied to the lane arrays as they are, every element gets the bits it gets alone.
        foreach (var (first, count) in evaluated)
        {
            var at = first * Lanes;
            var length = count * Lanes;
            nonlinearity.EvaluateActivationAndBalance(new ReadOnlySpan<double>(netInput + at, length), new Span<double>(activation + at, length), new Span<double>(balance + at, length));
        }
    }

    /// <summary>
    /// The pooled sums of a row of at most eight columns: column j alone in lane j (0 + its term), the other lanes 0, added
    /// in the tree of <see cref="Elementwise.Reduce"/>; the same bits as the general loop, with the lanes in registers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ShortRowPools(double* row, double* xs, int cols, out Vector512<double> e, out Vector512<double> inh)
    {
        var zero = Vector512<double>.Zero;
        Vector512<double> e0 = zero, e1 = zero, e2 = zero, e3 = zero, e4 = zero, e5 = zero, e6 = zero, e7 = zero;
        Vector512<double> i0 = zero, i1 = zero, i2 = zero, i3 = zero, i4 = zero, i5 = zero, i6 = zero, i7 = zero;
        ColumnTerms(row, xs, 0, cols, ref e0, ref i0);
        ColumnTerms(row, xs, 1, cols, ref e1, ref i1);
        ColumnTerms(row, xs, 2, cols, ref e2, ref i2);
        ColumnTerms(row, xs, 3, cols, ref e3, ref i3);
        ColumnTerms(row, xs, 4, cols, ref e4, ref i4);
        ColumnTerms(row, xs, 5, cols, ref e5, ref i5);
        ColumnTerms(row, xs, 6, cols, ref e6, ref i6);
        ColumnTerms(row, xs, 7, cols, ref e7, ref i7);

        e = ((e0 + e1) + (e2 + e3)) + ((e4 + e5) + (e6 + e7));
        inh = ((i0 + i1) + (i2 + i3)) + ((i4 + i5) + (i6 + i7));
    }

    /// <summary>Adds column <paramref name="j"/>'s excitatory and inhibitory terms to its lanes when the row has that column.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ColumnTerms(double* row, double* xs, int j, int cols, ref Vector512<double> e, ref Vector512<double> inh)
    {
        if (j < cols)
        {
            var w = Vector512.Load(row + ((long)j * Lanes));
            var x = Vector512.Load(xs + ((long)j * Lanes));
            e += Elementwise.Excitatory<Vector512Ops, Vector512<double>>(w, x);
            inh += Elementwise.Inhibitory<Vector512Ops, Vector512<double>>(w, x);
        }
    }
}

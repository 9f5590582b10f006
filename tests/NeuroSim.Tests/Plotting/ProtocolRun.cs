namespace NeuroSim.Tests.Plotting;

/// <summary>
/// A hand-written run folder of a protocol run: a 1 ms monitor of hidden neuron H:3 and a 10 ms monitor of
/// the network (with the loss, no loss.csv), an inhibitory drive into H:3 from 100 to 200 ms, plasticity
/// blocked at 0 and unblocked at 250 ms, a lesion of H:1 at 150 ms, and W traces where the lesion makes the
/// only large jump.
/// </summary>
internal static class ProtocolRun
{
    public const double DriveStart = 100, DriveEnd = 200, LesionAt = 150, UnblockAt = 250;

    public static string Write(string folder)
    {
        Directory.CreateDirectory(Path.Combine(folder, "monitors"));
        Directory.CreateDirectory(Path.Combine(folder, "weights"));
        Directory.CreateDirectory(Path.Combine(folder, "mask"));
        var fine = new List<string> { "time_ms,E[H:3],I[H:3],s[H:3],f[H:3],x[H:3],c[H:3]" };
        for (var t = 0; t <= 300; t++)
        {
            var inhibition = t is >= (int)DriveStart and < (int)DriveEnd ? 1.5 : 0;
            fine.Add(Row(t, 1, inhibition, 1 - inhibition, 0.2, 0.5, 1e-3 * Math.Sin(t / 30.0)));
        }

        var coarse = new List<string> { "time_ms,x[H:0],c[H:0],x[H:3],c[H:3],x[O:0],c[O:0],loss" };
        var weights = new List<string> { "time_ms,W[in->H:0<-0],W[in->H:1<-0],W[H->O:0<-1]" };
        for (var t = 0; t <= 300; t += 10)
        {
            coarse.Add(Row(t, 0.3 + (t / 1000.0), 1e-3 * Math.Cos(t / 40.0), 0.5, 1e-3, 0.7, 2.0 * Math.Exp(-t / 100.0), 0.5 * Math.Exp(-t / 100.0)));

            // Slow learning of every weight (rate 1e-4 / ms) after the unblock; the lesion sets W[in->H:1<-0] from 0.5 to 0 at once.
            var learned = t < UnblockAt ? 0 : 1e-4 * (t - UnblockAt);
            weights.Add(Row(t, 0.2 + learned, t < LesionAt ? 0.5 : learned, -0.3 - learned));
        }

        File.WriteAllLines(Path.Combine(folder, "monitors", "hidden3.csv"), fine);
        File.WriteAllLines(Path.Combine(folder, "monitors", "network.csv"), coarse);
        File.WriteAllLines(Path.Combine(folder, "monitors", "weights.csv"), weights);
        File.WriteAllLines(Path.Combine(folder, "weights", "H-O.csv"), ["-0.3,0.4,0.1,0.2"]);
        File.WriteAllLines(Path.Combine(folder, "weights", "in-H.csv"), ["0.2,0.1", "0,0.3", "0.5,0.6", "0.7,0.8"]);
        File.WriteAllLines(Path.Combine(folder, "mask", "in-H.csv"), ["1,1", "0,1", "1,1", "1,1"]);
        File.WriteAllLines(Path.Combine(folder, "epochs.csv"),
        [
            "start_ms,end_ms,kind,label",
            "0,0,block,plasticity x0 on all",
            "0,300,present,\"x=[1 -1]\"",
            "100,200,drive-I,step 1.5 into H:3",
            "150,150,lesion,H:1",
            "250,250,scale,plasticity x1 on all",
        ]);
        return folder;
    }

    private static string Row(params double[] values) => string.Join(',', values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
}

namespace NeuroSim.Tests.Plotting;

/// <summary>A tiny hand-written run folder (docs/run-folder.md) with a recording gap and a constant trace.</summary>
internal static class SyntheticRun
{
    public static string Write(string folder, bool constant = false)
    {
        Directory.CreateDirectory(Path.Combine(folder, "monitors"));
        Directory.CreateDirectory(Path.Combine(folder, "weights"));
        var lines = new List<string> { "time_ms,E[A:0],I[A:0],s[A:0],f[A:0],x[A:0],c[A:0],x[B:0],c[B:0]" };

        // Two stretches, 0-100 ms and 1000-1100 ms every 5 ms: an input step at 50 ms, a gap in between.
        foreach (var t in Enumerable.Range(0, 21).Select(k => 5.0 * k).Concat(Enumerable.Range(0, 21).Select(k => 1000 + (5.0 * k))))
        {
            var u = constant ? 0.5 : (t % 1000) < 50 ? 0 : 1;
            var x = constant ? 0.5 : u * (1 - Math.Exp(-((t % 1000) - 50) / 10.0));
            var c = constant ? 0.1 : u * (1 - Math.Exp(-((t % 1000) - 50) / 40.0));
            lines.Add(string.Join(',', new[] { t, u, 0.2, u - 0.2, 0.8, Math.Max(0, x), Math.Max(0, c), 0.3, 0.0 }.Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
        }

        File.WriteAllLines(Path.Combine(folder, "monitors", "traces.csv"), lines);
        File.WriteAllLines(Path.Combine(folder, "monitors", "weights.csv"), ["time_ms,W[A->B:0<-0],b[B:0]", "0,0.5,0", "50,0.6,0.01", "100,0.65,0.01", "1000,0.7,0.02", "1050,0.7,0.02", "1100,0.7,0.02"]);
        File.WriteAllLines(Path.Combine(folder, "weights", "A-B.csv"), ["0.7"]);
        File.WriteAllLines(Path.Combine(folder, "epochs.csv"), ["start_ms,end_ms,kind,label", "0,50,present,baseline", "50,100,present,\"step, on\"", "1000,1050,present,baseline", "1050,1100,present,\"step, on\"", "1060,1060,block,blockade"]);
        File.WriteAllLines(Path.Combine(folder, "loss.csv"), constant ? ["epoch,rule"] : ["epoch,rule,bp", "0,0.5,0.5", "1,0.1,0.1", "2,0,0.01"]);
        return folder;
    }
}

using System.Text.Json;

namespace NeuroSim.Tests.Report;

/// <summary>
/// Run and sweep folders whose manifest, column names, labels and file names try to inject markup: a page that shows
/// them as text is safe; one that lets any of them through as markup fails the tests.
/// </summary>
internal static class HostileFolders
{
    public const string Command = "<script>alert(\"manifest\")</script>";
    public const string SettingKey = "<img src=x onerror=alert(1)>";
    public const string SettingValue = "\" onmouseover=\"alert(2)";
    public const string Column = "x[<script>alert(3)</script>:0]";
    public const string Label = "</td></tr></table><script>alert(4)</script>";
    public const string SweepColumn = "<svg onload=alert(5)>";
    public const string Figure = "<b>fig&'";

    /// <summary>Markup that must never appear in a page built from these folders.</summary>
    public static readonly string[] Injections = ["<script", "<img src=x", "<svg onload", "<b>fig", "<i>oops", "onmouseover=\"alert"];

    public static string WriteRun(string folder)
    {
        Directory.CreateDirectory(Path.Combine(folder, "monitors"));
        Directory.CreateDirectory(Path.Combine(folder, "plots"));
        var manifest = new Dictionary<string, object>
        {
            ["command"] = Command,
            ["seed"] = 3,
            ["status"] = "complete",
            ["settings"] = new Dictionary<string, object> { [SettingKey] = SettingValue },
        };
        File.WriteAllText(Path.Combine(folder, "manifest.json"), JsonSerializer.Serialize(manifest));
        File.WriteAllLines(Path.Combine(folder, "monitors", "m.csv"), [$"time_ms,\"{Column}\"", "0,1", "5,2"]);
        File.WriteAllLines(Path.Combine(folder, "epochs.csv"), ["start_ms,end_ms,kind,label", $"0,10,present,\"{Label}\"", $"10,10,\"{Label}\",x"]);
        File.WriteAllBytes(Path.Combine(folder, "plots", Figure + ".png"), ReportFolders.Png);
        return folder;
    }

    public static string WriteSweep(string folder)
    {
        Directory.CreateDirectory(Path.Combine(folder, "runs", "p00000-s1"));
        File.WriteAllLines(Path.Combine(folder, "sweep.csv"),
            [$"run,point,seed,\"{SweepColumn}\",status,error,folder", $"0,0,1,\"{Label}\",complete,,runs/p00000-s1", "1,0,2,1,failed,\"<i>oops</i>\",javascript:alert(6)"]);
        File.WriteAllText(Path.Combine(folder, "summary.md"), $"# Sweep {Command}\n");
        return folder;
    }
}

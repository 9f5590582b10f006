using NeuroSim.Plotting.Report;

namespace NeuroSim.Cli.Commands;

/// <summary>`neurosim report RUN_DIR|SWEEP_DIR`: one self-contained HTML page of a run or a sweep (docs/report.md).</summary>
internal static class ReportCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var folderArgument = new Argument<string>("RUN_DIR|SWEEP_DIR") { Description = "A run folder (manifest.json) or a sweep folder (sweep.csv)." };
        var outOption = new Option<string?>("--out") { Description = $"HTML file to write (default: FOLDER/{RunReport.FileName}); links to the CSVs are relative to it." };
        var overwriteOption = new Option<bool>("--overwrite") { Description = "Replace a report this command wrote earlier; a file it did not write is never replaced." };
        var command = new Command("report", "Write one self-contained HTML page of a run or sweep folder: figures, manifest, protocol timeline, monitors, links to the CSVs; readable offline.")
        {
            folderArgument,
            outOption,
            overwriteOption,
        };
        command.SetAction(parse => CliApp.Guard(error, () =>
        {
            var path = RunReport.Write(parse.GetValue(folderArgument)!, parse.GetValue(outOption), parse.GetValue(overwriteOption));
            output.WriteLine($"wrote {path}");
            return CliApp.Success;
        }));
        return command;
    }
}

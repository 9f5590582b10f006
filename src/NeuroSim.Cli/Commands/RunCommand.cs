using NeuroSim.Experiments;
using NeuroSim.Files.Yaml;

namespace NeuroSim.Cli.Commands;

/// <summary>`neurosim run MODEL PROTOCOL --out DIR`: a model file driven by a protocol file, into a run folder.</summary>
internal static class RunCommand
{
    public static Command Create(TextWriter stdout, TextWriter error)
    {
        var model = new Argument<string>("model") { Description = "Model file (models/*.yaml)." };
        var protocol = new Argument<string>("protocol") { Description = "Protocol file (protocols/*.yaml)." };
        var output = new OutputFolderOptions("Run folder to write.");
        var seed = new Option<ulong?>("--seed") { Description = "Seed for weights, noise and random stimuli (overrides the files)." };
        var set = new Option<string[]>("--set") { Description = "Override a field: path=value (model fields, or protocol.path=value). Repeatable.", AllowMultipleArgumentsPerToken = false };
        var resume = new Option<bool>("--resume") { Description = "Continue from the checkpoint of an interrupted run into the same --out." };
        var until = new Option<string?>("--until") { Description = "Stop when simulated time reaches this (e.g. '500 ms')." };
        var checkpointSteps = new Option<long>("--checkpoint-steps") { Description = "Write a checkpoint every N steps (default: every 60 s of wall time)." };
        var maxRecord = new Option<double>("--max-record-mb") { Description = "Refuse runs whose monitors would write more than this.", DefaultValueFactory = _ => 1024 };
        var abortAfter = new Option<long?>("--abort-after-steps") { Description = "Testing aid: stop abruptly after N steps, as if killed.", Hidden = true };
        var command = new Command("run", "Run a model file with a protocol file; stream monitors to CSV; write final weights and a manifest.")
        {
            model, protocol, seed, set, resume, until, checkpointSteps, maxRecord, abortAfter,
        };
        foreach (var option in output.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(parse => CliApp.Guard(error, () =>
        {
            var untilText = parse.GetValue(until);
            double? untilMs = null;
            if (untilText is not null)
            {
                untilMs = Durations.TryParseMs(untilText, out var ms) && ms >= 0
                    ? ms
                    : throw new ArgumentException($"--until '{untilText}': give a duration with a unit, e.g. '500 ms'");
            }

            var request = new RunRequest(parse.GetValue(model)!, parse.GetValue(protocol)!, output.PathOf(parse))
            {
                Overwrite = parse.GetValue(output.Overwrite),
                Seed = parse.GetValue(seed),
                Overrides = [.. (parse.GetValue(set) ?? []).Select(ParseOverride)],
                Resume = parse.GetValue(resume),
                UntilMs = untilMs,
                CheckpointEverySteps = parse.GetValue(checkpointSteps) is var n and >= 0 ? n : throw new ArgumentException("--checkpoint-steps must be >= 0"),
                MaxRecordBytes = parse.GetValue(maxRecord) is var mb and > 0 ? (long)(mb * 1e6) : throw new ArgumentException("--max-record-mb must be > 0"),
                AbortAfterSteps = parse.GetValue(abortAfter),
            };
            return Run(request, parse.Tokens.Select(t => t.Value).ToArray(), stdout, error);
        }));
        return command;
    }

    private static KeyValuePair<string, string> ParseOverride(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        return equals > 0
            ? new KeyValuePair<string, string>(text[..equals].Trim(), text[(equals + 1)..].Trim())
            : throw new ArgumentException($"--set '{text}': expected path=value, e.g. timescales.credit=200ms");
    }

    /// <summary>Runs a request with progress, interrupt handling and the outcome line; shared by `run` and the shortcuts that run shipped files.</summary>
    internal static int Run(RunRequest request, string[] arguments, TextWriter output, TextWriter error)
    {
        RunFolder.Preflight(ExperimentRunner.CommandName, request.OutputDirectory, ExperimentRunner.FolderOptions(request));
        using var interruption = Interruption.Handle();
        var prepared = ExperimentRunner.Prepare(request with { Interrupt = interruption.Token });
        var console = CliConsole.Create(output);
        var clock = prepared.Scheduler.Clock;
        console.MarkupLine(Markup.Escape($"{prepared.Definition.Name} x {prepared.Protocol.Name}: {prepared.Program.TotalSteps:N0} steps of {clock.DtMs} ms ({prepared.Definition.Scheduler.Mode.ToString().ToLowerInvariant()}), seed {prepared.Seed}, recording ~{prepared.EstimatedBytes / 1e6:F1} MB"));
        RunOutcome outcome;
        var watch = Stopwatch.StartNew();
        var startStep = clock.Step;
        double Rate(long step) => (step - startStep) / Math.Max(1e-9, watch.Elapsed.TotalSeconds);
        if (console.Profile.Capabilities.Interactive)
        {
            outcome = default!;
            console.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn()).Start(context =>
            {
                var task = context.AddTask("starting", maxValue: Math.Max(1, prepared.Program.TotalSteps));
                outcome = ExperimentRunner.Execute(prepared, (step, total) =>
                {
                    task.MaxValue = Math.Max(1, total);
                    task.Value = step;
                    task.Description = string.Create(CultureInfo.InvariantCulture, $"t = {clock.TimeOf(step):F1} ms, {Rate(step):N0} steps/s");
                });
            });
        }
        else
        {
            // Batch and cluster jobs: a plain line every 10 s of wall time, nothing that redraws or wraps.
            var lines = new ProgressLines(output, TimeSpan.FromSeconds(10));
            outcome = ExperimentRunner.Execute(prepared, (step, total) => lines.Write(_ =>
            {
                var rate = Rate(step);
                var eta = rate > 0 && total > step ? $", about {(total - step) / rate:F0} s left" : string.Empty;
                return string.Create(CultureInfo.InvariantCulture, $"t = {clock.TimeOf(step):F1} ms of {clock.TimeOf(total):F1} ms, step {step} of {total}, {rate:F0} steps/s{eta}");
            }));
        }

        if (outcome.Error is not null)
        {
            error.WriteLine($"neurosim: error: {outcome.Error}; results so far kept in {outcome.OutputDirectory} (status incomplete)");
            return CliApp.BadInput;
        }

        switch (outcome.Status)
        {
            case RunStatus.Aborted:
                error.WriteLine($"neurosim: aborted after {outcome.Steps} steps as asked (--abort-after-steps); resume with --resume");
                return CliApp.Aborted;
            case RunStatus.Interrupted:
                error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"neurosim: interrupted at t = {outcome.SimulatedMs} ms (step {outcome.Steps}); checkpoint and manifest written to {outcome.OutputDirectory}"));
                error.WriteLine($"resume with: neurosim {ResumeArguments(arguments)}");
                return interruption.ExitCode;
            default:
                console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{outcome.Status}: {outcome.Steps:N0} steps, {outcome.SimulatedMs} ms simulated in {outcome.WallSeconds:F2} s -> {outcome.OutputDirectory}")));
                return CliApp.Success;
        }
    }

    /// <summary>The command line as given, with --resume added and --overwrite (which would discard the checkpoint) removed.</summary>
    internal static string ResumeArguments(IEnumerable<string> arguments)
    {
        var kept = arguments.Where(a => a is not "--overwrite" and not "--resume").Select(ShellWords.Quote);
        return string.Join(' ', kept.Append("--resume"));
    }
}

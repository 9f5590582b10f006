using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using NeuroSim.Files.Running;
using NeuroSim.Files.Yaml;
using Spectre.Console;

namespace NeuroSim.Cli.Commands;

/// <summary>`neurosim run MODEL PROTOCOL --out DIR`: a model file driven by a protocol file, into a run folder.</summary>
internal static class RunCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var model = new Argument<string>("model") { Description = "Model file (models/*.yaml)." };
        var protocol = new Argument<string>("protocol") { Description = "Protocol file (protocols/*.yaml)." };
        var outOption = new Option<string>("--out") { Description = "Run folder to write (replaced when the run completes).", Required = true };
        var seed = new Option<ulong?>("--seed") { Description = "Seed for weights, noise and random stimuli (overrides the files)." };
        var set = new Option<string[]>("--set") { Description = "Override a field: path=value (model fields, or protocol.path=value). Repeatable.", AllowMultipleArgumentsPerToken = false };
        var resume = new Option<bool>("--resume") { Description = "Continue from the checkpoint of an interrupted run into the same --out." };
        var until = new Option<string?>("--until") { Description = "Stop when simulated time reaches this (e.g. '500 ms')." };
        var checkpointSteps = new Option<long>("--checkpoint-steps") { Description = "Write a checkpoint every N steps (default: every 60 s of wall time)." };
        var maxRecord = new Option<double>("--max-record-mb") { Description = "Refuse runs whose monitors would write more than this.", DefaultValueFactory = _ => 1024 };
        var abortAfter = new Option<long?>("--abort-after-steps") { Description = "Testing aid: stop abruptly after N steps, as if killed.", Hidden = true };
        var command = new Command("run", "Run a model file with a protocol file; stream monitors to CSV; write final weights and a manifest.")
        {
            model, protocol, outOption, seed, set, resume, until, checkpointSteps, maxRecord, abortAfter,
        };
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

            var request = new RunRequest(parse.GetValue(model)!, parse.GetValue(protocol)!, parse.GetValue(outOption)!)
            {
                Seed = parse.GetValue(seed),
                Overrides = [.. (parse.GetValue(set) ?? []).Select(ParseOverride)],
                Resume = parse.GetValue(resume),
                UntilMs = untilMs,
                CheckpointEverySteps = parse.GetValue(checkpointSteps) is var n and >= 0 ? n : throw new ArgumentException("--checkpoint-steps must be >= 0"),
                MaxRecordBytes = parse.GetValue(maxRecord) is var mb and > 0 ? (long)(mb * 1e6) : throw new ArgumentException("--max-record-mb must be > 0"),
                AbortAfterSteps = parse.GetValue(abortAfter),
            };
            return Run(request, output, error);
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

    private static int Run(RunRequest request, TextWriter output, TextWriter error)
    {
        var prepared = ExperimentRunner.Prepare(request);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        var clock = prepared.Scheduler.Clock;
        console.MarkupLine(Markup.Escape($"{prepared.Definition.Name} x {prepared.Protocol.Name}: {prepared.Program.TotalSteps:N0} steps of {clock.DtMs} ms ({prepared.Definition.Scheduler.Mode.ToString().ToLowerInvariant()}), seed {prepared.Seed}, recording ~{prepared.EstimatedBytes / 1e6:F1} MB"));
        RunOutcome outcome;
        if (console.Profile.Capabilities.Interactive)
        {
            outcome = default!;
            console.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn()).Start(context =>
            {
                var task = context.AddTask("starting", maxValue: Math.Max(1, prepared.Program.TotalSteps));
                var watch = Stopwatch.StartNew();
                var startStep = clock.Step;
                outcome = ExperimentRunner.Execute(prepared, (step, total) =>
                {
                    task.MaxValue = Math.Max(1, total);
                    task.Value = step;
                    var rate = (step - startStep) / Math.Max(1e-9, watch.Elapsed.TotalSeconds);
                    task.Description = string.Create(CultureInfo.InvariantCulture, $"t = {clock.TimeOf(step):F1} ms, {rate:N0} steps/s");
                });
            });
        }
        else
        {
            outcome = ExperimentRunner.Execute(prepared);
        }

        if (outcome.Error is not null)
        {
            error.WriteLine($"neurosim: error: {outcome.Error}; results so far kept in {outcome.OutputDirectory} (status incomplete)");
            return CliApp.BadInput;
        }

        if (outcome.Status == "aborted")
        {
            error.WriteLine($"neurosim: aborted after {outcome.Steps} steps as asked (--abort-after-steps); resume with --resume");
            return CliApp.Aborted;
        }

        console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{outcome.Status}: {outcome.Steps:N0} steps, {outcome.SimulatedMs} ms simulated in {outcome.WallSeconds:F2} s -> {outcome.OutputDirectory}")));
        return CliApp.Success;
    }
}

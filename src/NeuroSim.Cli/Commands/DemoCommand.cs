using NeuroSim.Analysis.Demo;

namespace NeuroSim.Cli.Commands;

/// <summary>`neurosim demo`: XOR learned by BP and by the balance-credit rule, adiabatic and in continuous time.</summary>
internal static class DemoCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var defaults = new DemoSettings();
        var outOption = new OutputFolderOptions("Folder for the results (replaced when the run completes).", defaults.OutputDirectory);
        var epochsOption = new Option<int>("--epochs") { Description = "Passes over the four XOR examples.", DefaultValueFactory = _ => defaults.Epochs }.AtLeast(1);
        var seedOption = new Option<ulong>("--seed") { Description = "Seed of the initial weights.", DefaultValueFactory = _ => defaults.Seed };
        var command = new Command("demo", "Train a 2-8-1 network on XOR with plain BP and with the balance-credit rule (adiabatic and multirate continuous time); write loss, E-I traces, weights and a manifest.")
        {
            outOption.Out,
            outOption.Overwrite,
            epochsOption,
            seedOption,
        };
        command.SetAction(parse => CliApp.Guard(error, () =>
        {
            var settings = defaults with { OutputDirectory = outOption.PathOf(parse), Epochs = parse.GetValue(epochsOption), Seed = parse.GetValue(seedOption) };
            using var folder = outOption.Open(parse, "demo");
            return Run(settings, folder, output);
        }));
        return command;
    }

    private static int Run(DemoSettings settings, RunFolder folder, TextWriter output)
    {
        var console = CliConsole.Create(output);
        var demo = new XorDemo(settings);
        console.MarkupLine($"[bold]NeuroSim demo[/]: XOR, 2-8-1 tanh, step size lambda = {settings.StepSize}, tau_x = {settings.FiringMs} ms");
        console.MarkupLine($"learners: {string.Join(", ", demo.LearnerNames)}  (multirate: T = tau_w, tau_x : tau_c : tau_w = 1 : 1/eps : 1/eps^2)");
        var every = Math.Max(1, settings.Epochs / 10);
        var table = new Table().Border(TableBorder.Rounded).AddColumn("epoch");
        foreach (var name in demo.LearnerNames)
        {
            table.AddColumn(new TableColumn(name).RightAligned());
        }

        DemoResult? result = null;
        void OnEpoch(int epoch, double[] losses)
        {
            if (epoch % every == 0 || epoch == settings.Epochs)
            {
                table.AddRow([epoch.ToString(CultureInfo.InvariantCulture), .. losses.Select(l => l.ToString("0.000E+00", CultureInfo.InvariantCulture))]);
            }
        }

        if (console.Profile.Capabilities.Interactive)
        {
            console.Progress().Start(context =>
            {
                var task = context.AddTask("training", maxValue: settings.Epochs);
                result = demo.Run(folder, (epoch, losses) =>
                {
                    OnEpoch(epoch, losses);
                    task.Value = epoch;
                });
            });
        }
        else
        {
            result = demo.Run(folder, OnEpoch);
        }

        console.Write(table);
        var final = result!.Losses[^1];
        console.MarkupLine($"mean loss 1/2 (y - x)^2 over the 4 examples, at the firing fixed point. Adiabatic vs BP: |difference| = {Math.Abs(final[1] - final[0]):E2}");
        console.MarkupLine($"wrote plots/ (E-I balance, learning, weights, update events), loss.csv, epochs.csv, monitors/, weights/, biases.csv, manifest.json to [blue]{Markup.Escape(result.OutputDirectory)}[/] in {result.Elapsed.TotalSeconds:F1} s");
        return CliApp.Success;
    }
}

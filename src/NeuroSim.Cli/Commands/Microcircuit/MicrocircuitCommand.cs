namespace NeuroSim.Cli.Commands.Microcircuit;

/// <summary>`neurosim microcircuit EXPERIMENT`: the dendritic cortical microcircuit of Sacramento et al. (2018).</summary>
internal static class MicrocircuitCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var command = new Command("microcircuit", "The dendritic cortical microcircuit (Sacramento et al. 2018) on the NeuroSim engine: experiments that write data and figures.");

        // One subcommand per experiment, each in its own file.
        foreach (var experiment in Experiments(output, error))
        {
            command.Subcommands.Add(experiment);
        }

        return command;
    }

    private static IEnumerable<Command> Experiments(TextWriter output, TextWriter error)
    {
        // Continuous-time experiments (reference sections 4A, 6.5, 6.6, Figs. 1-2).
        yield return SelfPredictCommand.Create(output, error);
        yield return AssociationCommand.Create(output, error);
        yield return RegressionCommand.Create(output, error);

        // The two-step steady-state scheme (reference section 4B).
        yield return MnistExperimentCommand.Create(output, error);
        yield return VipExperimentCommand.Create(output, error);
    }
}

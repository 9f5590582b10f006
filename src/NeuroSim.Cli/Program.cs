using NeuroSim.Cli;

using (Interruption.Install(Console.Error))
{
    return CliApp.Run(args, Console.Out, Console.Error);
}

namespace NeuroSim.Core.RunFolders;

/// <summary>
/// An output folder NeuroSim will not write to (it holds someone else's files, it is an ancestor of the
/// inputs, another process is writing it, ...). The message is one line naming the folder and what to do.
/// Nothing has been touched when this is thrown.
/// </summary>
public sealed class OutputRefusedException : Exception
{

    public OutputRefusedException(string message)
        : base(message)
    {
    }

    public OutputRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

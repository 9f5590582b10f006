namespace NeuroSim.Core.RunFolders;

/// <summary>One row of epochs.csv: a protocol epoch, or an instantaneous event when End = Start.</summary>
public sealed record Epoch(double StartMs, double EndMs, string Kind, string Label);

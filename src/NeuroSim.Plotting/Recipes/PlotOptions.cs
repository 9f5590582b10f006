namespace NeuroSim.Plotting.Recipes;

/// <summary>How the panels of one row of a per-neuron figure choose their y range.</summary>
public enum YRanges
{
    /// <summary>One range across the neurons of a row, so they compare at a glance.</summary>
    Shared,

    /// <summary>Each panel its own range: credit of output and hidden neurons differs by orders of magnitude.</summary>
    Free,
}

/// <summary>What the user chose on the command line; every field is optional.</summary>
public sealed record PlotOptions
{
    /// <summary>Neurons as "L1:0"; null picks a default set.</summary>
    public IReadOnlyList<string>? Neurons { get; init; }

    /// <summary>Time window in ms; when neither is set, <see cref="Segment"/> chooses a recorded stretch.</summary>
    public double? FromMs { get; init; }

    public double? ToMs { get; init; }

    /// <summary>Which contiguous recorded stretch to show: 1 = first, -1 = last.</summary>
    public int Segment { get; init; } = 1;

    /// <summary>Neuron order for the weight heatmaps: a CSV of group,index[,community] rows.</summary>
    public string? OrderFile { get; init; }

    /// <summary>Update raster: an event is a step whose rate exceeds this fraction of its process's peak rate.</summary>
    public double Threshold { get; init; } = UpdatesRecipe.DefaultThreshold;

    /// <summary>Per-row y ranges for every row; null: shared, except free for credit.</summary>
    public YRanges? YRanges { get; init; }
}

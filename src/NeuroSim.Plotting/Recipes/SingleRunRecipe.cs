namespace NeuroSim.Plotting.Recipes;

/// <summary>A figure kind that draws one run folder: <see cref="FigureRecipes.Build"/> refuses several.</summary>
public abstract class SingleRunRecipe : IFigureRecipe
{
    public abstract string Kind { get; }

    public abstract string Description { get; }

    public bool AcceptsSeveralRuns => false;

    public Figure Build(IReadOnlyList<RunData> runs, PlotOptions options)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(options);
        return Build(runs[0], options);
    }

    /// <summary>The figure of <paramref name="run"/>; neither argument is null.</summary>
    protected abstract Figure Build(RunData run, PlotOptions options);
}

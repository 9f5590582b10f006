namespace NeuroSim.Plotting.Recipes;

/// <summary>One figure kind of `neurosim plot`: reads run folders, lays out a figure.</summary>
public interface IFigureRecipe
{
    /// <summary>The --kind name ("ei-balance").</summary>
    string Kind { get; }

    string Description { get; }

    /// <summary>Whether the kind draws several run folders on one figure.</summary>
    bool AcceptsSeveralRuns { get; }

    Figure Build(IReadOnlyList<RunData> runs, PlotOptions options);
}

/// <summary>The figure kinds by name.</summary>
public static class FigureRecipes
{
    public static IReadOnlyList<IFigureRecipe> All { get; } = [new EiBalanceRecipe(), new WeightsRecipe(), new UpdatesRecipe(), new LearningRecipe(), new ApicalRecipe(), new ConnectomeRecipe()];

    public static IReadOnlyList<string> Kinds { get; } = [.. All.Select(r => r.Kind)];

    public static IFigureRecipe Find(string kind) =>
        All.FirstOrDefault(r => string.Equals(r.Kind, kind, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"unknown figure kind '{kind}'; valid kinds: {string.Join(", ", Kinds)}");

    /// <summary>Builds a figure after checking the number of run folders.</summary>
    public static Figure Build(IFigureRecipe recipe, IReadOnlyList<RunData> runs, PlotOptions options)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0)
        {
            throw new ArgumentException("no run folder given");
        }

        if (runs.Count > 1 && !recipe.AcceptsSeveralRuns)
        {
            throw new ArgumentException($"--kind {recipe.Kind} draws one run folder, got {runs.Count}");
        }

        return recipe.Build(runs, options ?? new PlotOptions());
    }
}

namespace NeuroSim.Core.Communities;

/// <summary>
/// The community structure of a connectome, the measures of the paper's Fig. 4 made numbers: Leiden (modularity,
/// resolution 1) on the symmetrised |W|, its modularity Q and number of communities, the within/between ratio of
/// mean |w| per pair, and the fraction of all synaptic weight |w| that crosses between communities (the
/// off-diagonal blocks of the reordered matrix: near 0 for block-diagonal wiring, towards 1 for across-module wiring).
/// </summary>
public sealed record ConnectomeStructure(LeidenResult Communities, double WithinBetweenRatio, double AcrossModuleFraction)
{
    public double Modularity => Communities.Modularity;

    public int CommunityCount => Communities.CommunityCount;

    /// <summary>The structure of the n x n matrix <paramref name="weights"/> (rows postsynaptic), Leiden seeded with <paramref name="seed"/>.</summary>
    public static ConnectomeStructure Of(double[] weights, int nodeCount, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var communities = new Leiden { Seed = seed }.Run(WeightedGraph.FromSignedDirected(weights, nodeCount));
        return new ConnectomeStructure(
            communities,
            ModuleStructure.WithinBetweenRatio(weights, nodeCount, communities.Membership),
            ModuleStructure.AcrossModuleFraction(weights, nodeCount, communities.Membership));
    }
}

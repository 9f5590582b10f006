namespace NeuroSim.Core.Communities;

/// <summary>
/// A partition found by <see cref="Leiden"/>: <see cref="Membership"/>[i] is node i's community, labelled
/// 0..CommunityCount-1 by decreasing size (ties: the community whose lowest node comes first), so community 0
/// is the largest. <see cref="Modularity"/> is Q of this partition at the resolution used, as Leiden's own
/// running sums give it (equal to <see cref="Communities.Modularity.Compute"/> up to rounding).
/// </summary>
public sealed record LeidenResult(int[] Membership, int CommunityCount, double Modularity, int Iterations);

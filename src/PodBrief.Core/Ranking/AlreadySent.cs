namespace PodBrief.Core.Ranking;

/// <summary>
/// Cards and clusters a subscriber has already been mailed (or is about to be): the ranker never picks them again.
/// Ranking does not know what a digest is; the Digests stage answers this and hands it in.
/// </summary>
public sealed record AlreadySent(IReadOnlyList<long> CardIds, IReadOnlyList<long> ClusterIds);

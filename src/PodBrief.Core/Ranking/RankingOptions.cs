namespace PodBrief.Core.Ranking;

/// <summary>Section "Ranking": which cards are candidates and how good a card must be to be mailed.</summary>
public sealed class RankingOptions
{
    public const string Section = "Ranking";

    /// <summary>Cards created in the last this many days are candidates.</summary>
    public int CandidateDays { get; set; } = 3;

    /// <summary>Quality floor: a card scoring below this is never sent (fewer than five, or none).</summary>
    public double MinScore { get; set; } = 0.1;

    /// <summary>Cards per digest.</summary>
    public int DigestSize { get; set; } = 5;

    /// <summary>Maximal marginal relevance trade-off: 1 = pure score, 0 = pure novelty.</summary>
    public double MmrLambda { get; set; } = 0.7;

    /// <summary>Freshness halves every this many hours of episode age.</summary>
    public double FreshnessHalfLifeHours { get; set; } = 48;
}

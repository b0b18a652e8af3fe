using PodBrief.Core.Data;

namespace PodBrief.Core.Ranking;

/// <summary>
/// Every number the ranking multiplies by, named so a "why did I get this" question has an answer.
/// score = relevance × quality × freshness × feedback factors, where
/// relevance = max(0, cosine(profile, card)) + followed-topic bonus + followed-show bonus
/// (a subscriber with no profile gets <see cref="NoProfileRelevance"/> for every card: the best cards overall).
/// </summary>
public static class RankingWeights
{
    // Rocchio profile (Rocchio 1971; the classic α=1, β=0.75, γ=0.15 split, with 👎 a bit stronger since it is explicit).
    /// <summary>Weight of the mean of the subscriber's topic and interest vectors.</summary>
    public const float ProfileQueryWeight = 1.0f;
    /// <summary>Pull towards the mean of cards the subscriber liked (👍).</summary>
    public const float ProfileLikedWeight = 0.75f;
    /// <summary>Push away from the mean of cards the subscriber disliked (👎).</summary>
    public const float ProfileDislikedWeight = 0.25f;
    /// <summary>Only this many most recent feedback cards shape the profile, so tastes can change.</summary>
    public const int ProfileFeedbackWindow = 50;

    // Relevance.
    public const float FollowedTopicBonus = 0.3f;
    public const float FollowedShowBonus = 0.15f;
    /// <summary>Relevance of every card for a subscriber with no topics, interests or feedback.</summary>
    public const float NoProfileRelevance = 0.5f;

    // Quality: importance in [0, 1] maps to [0.5, 1] so importance ranks within a topic but cannot veto relevance.
    public const double ImportanceBase = 0.5;
    public const double ImportanceSpan = 0.5;
    /// <summary>A quote with a timestamp ("▶ Listen from 12:34") is the best evidence; a quote without is less.</summary>
    public const double GroundedWithTimestamp = 1.0;
    public const double GroundedWithoutTimestamp = 0.9;
    public const double Ungrounded = 0.75;

    public static double ProvenanceFactor(TranscriptProvenance provenance) => provenance switch
    {
        TranscriptProvenance.Publisher => 1.0,
        TranscriptProvenance.SpeechToText => 0.9,
        _ => 0.75, // show notes (or unknown): no transcript behind the card
    };

    // Feedback adjustments on top of the profile.
    /// <summary>"Less from this show": a soft down-weight, not a mute.</summary>
    public const float LessFromShowFactor = 0.5f;
    /// <summary>A card this close to one the subscriber 👎'd is pushed down.</summary>
    public const float DislikedSimilarity = 0.8f;
    public const float DislikedSimilarFactor = 0.5f;
    /// <summary>A card this close to one the subscriber 👍'd gets "Like a card you liked".</summary>
    public const float LikedSimilarity = 0.6f;
    /// <summary>Cosine to the profile above which a card is said to match the subscriber's interests.</summary>
    public const float InterestMatchSimilarity = 0.35f;

    // Diversity.
    public const int MaxPerCluster = 1;
    public const int MaxPerEpisode = 2;
    /// <summary>MMR looks at this many best-scoring cards per subscriber (enough for 5 picks under the caps).</summary>
    public const int MmrPoolSize = 40;
}

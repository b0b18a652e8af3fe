using System.Text.Json;
using System.Text.Json.Serialization;

namespace PodBrief.Core.Insights.Evaluation;

/// <summary>One idea a human editor picked from a transcript: their wording, a verbatim quote and its start second.</summary>
public sealed record ReferenceIdea(
    [property: JsonPropertyName("insight")] string Insight,
    [property: JsonPropertyName("quote")] string Quote,
    [property: JsonPropertyName("startSeconds")] double StartSeconds);

/// <summary>The reference file of `insights eval`: <c>{"&lt;file name&gt;": [{"insight", "quote", "startSeconds"}]}</c>.</summary>
public static class ReferenceIdeas
{
    /// <exception cref="FormatException">The file is not in the reference format.</exception>
    public static IReadOnlyDictionary<string, IReadOnlyList<ReferenceIdea>> Load(string path)
    {
        try
        {
            var parsed = JsonSerializer.Deserialize<Dictionary<string, List<ReferenceIdea>>>(File.ReadAllText(path))
                ?? throw new FormatException("the reference file is empty");
            return parsed.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<ReferenceIdea>)kv.Value, StringComparer.Ordinal);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"the reference file is not {{\"<file>\": [{{\"insight\", \"quote\", \"startSeconds\"}}]}}: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// A reference idea is found when a card's quote starts within <see cref="WindowSeconds"/> of it and shares
    /// content words with its quote (issue 9, item 5): near in time and about the same thing.
    /// </summary>
    public const double WindowSeconds = 90;

    public static bool IsFoundBy(ReferenceIdea idea, string cardQuote, double? cardStart)
    {
        if (cardStart is null || Math.Abs(cardStart.Value - idea.StartSeconds) > WindowSeconds)
        {
            return false;
        }
        var (shared, wanted) = SharedContentWords(idea.Quote, cardQuote);
        return shared >= Math.Min(2, wanted);
    }

    /// <summary>How many of the reference quote's content words the card's quote has, out of how many it has.</summary>
    public static (int Shared, int Wanted) SharedContentWords(string referenceQuote, string cardQuote)
    {
        var wanted = ContentWords(referenceQuote);
        return (ContentWords(cardQuote).Count(wanted.Contains), wanted.Count);
    }

    private static HashSet<string> ContentWords(string text) =>
        Quality.TextMeasure.Tokens(text).Where(t => t.Length > 3 || Quality.TextMeasure.IsCjk(t[0])).Where(t => !CardTextComposer.IsStopWord(t)).ToHashSet(StringComparer.Ordinal);
}

using System.Text.RegularExpressions;

namespace PodBrief.Core.Insights.Llm;

/// <summary>
/// First line of defence on model output, before grounding: lengths, and no links, HTML, markdown or relayed
/// instructions in any card text (a transcript may carry a prompt injection, and a quote that repeats it is
/// still a way to pass it on). The extraction job's validator checks again; this keeps junk out of the cache.
/// </summary>
public static partial class LlmCardScreen
{
    public const int MaxHeadline = 90;
    public const int MaxBody = 320;

    /// <summary>The card with trimmed text and known topics only, or null when it must be dropped.</summary>
    public static ExtractedCard? Screen(CardDto card, IReadOnlyCollection<string> topicSlugs)
    {
        var headline = Clean(card.Headline);
        var body = Clean(card.Insight);
        var quote = Clean(card.Quote);
        if (headline.Length is 0 or > MaxHeadline || body.Length is 0 or > MaxBody || quote.Length == 0)
        {
            return null;
        }
        if (new[] { headline, body, quote }.Any(IsUnsafe))
        {
            return null;
        }
        var topics = (card.Topics ?? []).Select(t => t.Trim().ToLowerInvariant())
            .Where(topicSlugs.Contains).Distinct().Take(3).ToList();
        var keywords = (card.Keywords ?? []).Select(Clean)
            .Where(k => k.Length is > 0 and <= 40 && !IsUnsafe(k)).Distinct(StringComparer.OrdinalIgnoreCase).Take(5).ToList();
        var importance = double.IsFinite(card.Importance) ? Math.Clamp(card.Importance, 0, 1) : 0.5;
        return new ExtractedCard(headline, body, quote, topics, keywords, importance);
    }

    public static bool IsUnsafe(string text) =>
        LinkPattern().IsMatch(text) || MarkupPattern().IsMatch(text) || InstructionPattern().IsMatch(text);

    private static string Clean(string? text) => string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    // URLs, www., e-mail addresses and bare domains with a common or reserved TLD (evil.example, foo.com).
    [GeneratedRegex(@"(https?://|www\.|\b[\w.-]+@[\w-]+\.\w+|\b[a-z0-9-]+(\.[a-z0-9-]+)*\.(com|net|org|io|ai|co|dev|app|info|biz|xyz|me|ly|gg|tv|fm|example|test|invalid|localhost)\b)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LinkPattern();

    // HTML tags or entities, markdown emphasis, links, headings, code.
    [GeneratedRegex(@"(<\s*/?\s*[a-z!][^>]*>|&[a-z#0-9]+;|\*\*|__|\]\(|^\s*#|`)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MarkupPattern();

    [GeneratedRegex(@"\b(ignore|disregard|forget)\b.{0,30}\b(instructions|prompt|rules)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex InstructionPattern();
}

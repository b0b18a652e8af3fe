using System.Net;
using System.Text.RegularExpressions;

namespace PodBrief.Core.Insights;

/// <summary>
/// Output validation for any extractor's cards (model output is untrusted): HTML and markdown are stripped,
/// links and instructions aimed at the reader are refused, lengths are enforced, topics must come from the
/// list, and the card must be in the transcript's language. Card text is still HTML-encoded wherever shown.
/// </summary>
public static partial class CardValidator
{
    public const int MaxHeadline = CardTextComposer.MaxHeadline;
    public const int MaxBody = CardTextComposer.MaxBody;
    private const int MinBody = 20;
    public const int MinHeadline = 8;
    private const int MaxKeywords = 8;

    [GeneratedRegex(@"<[^>]{0,500}>")]
    private static partial Regex HtmlTag();

    [GeneratedRegex(@"\[([^\]]{0,300})\]\([^)]{0,500}\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"(\*\*|__|~~|`+|^#{1,6}\s+|^\s*[-*+>]\s+|^\s*\d+\.\s+)", RegexOptions.Multiline)]
    private static partial Regex MarkdownMarks();

    [GeneratedRegex(@"[\p{Cc}\p{Cf}]")]
    private static partial Regex ControlCharacters();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    /// <summary>The cleaned card, or null with the reason it was refused.</summary>
    public static (ExtractedCard? Card, string? Rejection) Validate(ExtractedCard card, IReadOnlyCollection<string> allowedTopics, string? transcriptLanguage)
    {
        var headline = CleanText(card.Headline);
        var body = CleanText(card.Body);
        var quote = Whitespace().Replace(card.Quote, " ").Trim();

        // Checked before and after cleaning: a markdown or HTML link loses its URL when cleaned, but is still a link.
        foreach (var (field, text) in new[] { ("headline", card.Headline), ("body", card.Body), ("headline", headline), ("body", body), ("quote", quote) })
        {
            if (SentenceInformativeness.IsForbidden(text))
            {
                return (null, $"{field} contains a link or an instruction to readers");
            }
        }
        if (body.Length < MinBody)
        {
            return (null, "body is too short");
        }
        if (headline.Length < MinHeadline)
        {
            return (null, "headline is too short");
        }
        // Too long is refused, not cut: a cut card is a fault the reader sees ("…"); the extractor chooses text that fits.
        if (headline.Length > MaxHeadline)
        {
            return (null, $"headline is longer than {MaxHeadline} characters");
        }
        if (body.Length > MaxBody)
        {
            return (null, $"body is longer than {MaxBody} characters");
        }

        var expected = PrimaryLanguage(transcriptLanguage);
        var guessed = LanguageGuess.Guess(body + " " + headline);
        if (expected is not null && guessed is not null && guessed != expected)
        {
            return (null, $"card language '{guessed}' differs from the transcript's '{expected}'");
        }

        var topics = card.TopicSlugs
            .Where(t => allowedTopics.Contains(t))
            .Distinct(StringComparer.Ordinal)
            .Take(3)
            .ToList();
        var keywords = card.Keywords
            .Select(CleanText)
            .Where(k => k.Length is > 1 and <= 40 && !SentenceInformativeness.IsForbidden(k) && !k.Contains(',', StringComparison.Ordinal))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Take(MaxKeywords)
            .ToList();
        var importance = double.IsFinite(card.Importance) ? Math.Clamp(card.Importance, 0, 1) : 0.5;
        return (card with { Headline = headline, Body = body, Quote = quote, TopicSlugs = topics, Keywords = keywords, Importance = importance }, null);
    }

    /// <summary>Plain text: HTML tags and markdown marks removed, entities decoded, whitespace collapsed.</summary>
    public static string CleanText(string text)
    {
        var cleaned = MarkdownLink().Replace(text, "$1");
        cleaned = HtmlTag().Replace(cleaned, " ");
        cleaned = WebUtility.HtmlDecode(cleaned);
        cleaned = HtmlTag().Replace(cleaned, " "); // encoded tags, once decoded
        cleaned = MarkdownMarks().Replace(cleaned, string.Empty);
        cleaned = ControlCharacters().Replace(cleaned, " ");
        return Whitespace().Replace(cleaned, " ").Trim();
    }

    private static string? PrimaryLanguage(string? tag) =>
        string.IsNullOrWhiteSpace(tag) ? null : tag.Split('-', '_')[0].Trim().ToLowerInvariant();
}

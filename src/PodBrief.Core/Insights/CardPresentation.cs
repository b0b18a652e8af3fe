using System.Text;
using System.Text.RegularExpressions;

namespace PodBrief.Core.Insights;

/// <summary>
/// How a card is shown to a reader, the same in the email, on the pages and in the private feed (issue 9 item 8,
/// issue 14 item 3): the quote only where it adds to the body, and speaker names only when they are names.
/// </summary>
public static partial class CardPresentation
{
    /// <summary>
    /// False when the quote says nothing the body does not: equal, one contains the other once case, punctuation and
    /// spacing are ignored, or 80% of its words are in the body (an extractive card's body is often its quote, cleaned).
    /// </summary>
    public static bool QuoteAddsToBody(string body, string? quote)
    {
        if (string.IsNullOrWhiteSpace(quote))
        {
            return false;
        }
        var q = Normalize(quote);
        var b = Normalize(body);
        if (q.Length == 0 || b.Contains(q, StringComparison.Ordinal) || q.Contains(b, StringComparison.Ordinal))
        {
            return false;
        }
        // A body is the quote with its disfluencies removed ("um", repeated words): the same sentence to a reader when
        // nearly every word of the quote is in the body.
        var bodyWords = b.Split(' ').ToHashSet(StringComparer.Ordinal);
        var quoteWords = q.Split(' ');
        return quoteWords.Count(bodyWords.Contains) < quoteWords.Length * 0.8;
    }

    /// <summary>The quote to show, or null when it would only repeat the body.</summary>
    public static string? QuoteToShow(string body, string? quote) => QuoteAddsToBody(body, quote) ? quote!.Trim() : null;

    /// <summary>
    /// Diarization and caption labels that are not names: SPEAKER_2, Speaker 1, Unknown, Jingle, Music, Narrator…
    /// </summary>
    public static bool IsGenericSpeaker(string? speaker) =>
        string.IsNullOrWhiteSpace(speaker) || GenericSpeaker().IsMatch(speaker.Trim());

    /// <summary>The speaker to credit, or null when the label is generic.</summary>
    public static string? SpeakerToShow(string? speaker) => IsGenericSpeaker(speaker) ? null : speaker!.Trim();

    private static string Normalize(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(char.ToLowerInvariant(c));
            }
            else if (sb.Length > 0 && sb[^1] != ' ')
            {
                sb.Append(' ');
            }
        }
        return sb.ToString().Trim();
    }

    [GeneratedRegex(@"^(speaker|spk|voice|person|guest|host|unknown|unidentified|jingle|music|sfx|sound|narrator|announcer|ad|intro|outro)?[\s_\-#]*\d*$|^(unknown|jingle|music|other)([\s_\-]+\w+)?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GenericSpeaker();
}

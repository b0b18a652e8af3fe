namespace PodBrief.Core.Insights.Quality;

/// <summary>
/// Counts why proposed cards were not stored, by reason key: a <see cref="CardFault"/> name or one of the
/// grounding/validation keys below. Stored on the episode as "Key=count; Key=count" (most frequent first) so the
/// admin page can show and total it without another table.
/// </summary>
public sealed class DropTally
{
    public const string QuoteNotFound = "QuoteNotFound";
    public const string Invalid = "Invalid";
    public const string DuplicateQuote = "DuplicateQuote";

    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

    public int Total => _counts.Values.Sum();

    public IReadOnlyDictionary<string, int> Counts => _counts;

    public void Add(string reason) => _counts[reason] = _counts.GetValueOrDefault(reason) + 1;

    public void Add(CardFault fault) => Add(fault.ToString());

    /// <summary>"Filler=2; DanglingStart=1", or null when nothing was dropped.</summary>
    public string? Serialize() => _counts.Count == 0
        ? null
        : string.Join("; ", _counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"));

    public static IReadOnlyDictionary<string, int> Parse(string? stored)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var part in (stored ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pieces = part.Split('=', 2);
            if (pieces.Length == 2 && int.TryParse(pieces[1], System.Globalization.CultureInfo.InvariantCulture, out var n))
            {
                counts[pieces[0]] = counts.GetValueOrDefault(pieces[0]) + n;
            }
        }
        return counts;
    }

    /// <summary>A reader's description of a reason key.</summary>
    public static string Describe(string key) => key switch
    {
        QuoteNotFound => "quote not found in the transcript",
        Invalid => "refused by output validation (link, instruction, language, length)",
        DuplicateQuote => "same quote as another card",
        _ when Enum.TryParse<CardFault>(key, out var fault) => CardQuality.Describe(fault),
        _ => key,
    };
}

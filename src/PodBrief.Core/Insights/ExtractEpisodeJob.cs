using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PodBrief.Core.Common;
using PodBrief.Core.Data;
using PodBrief.Core.Insights.Quality;
using PodBrief.Core.Transcripts;
using PodBrief.Core.Transcripts.Chapters;

namespace PodBrief.Core.Insights;

/// <summary>What one extraction run did, for the CLI and the logs.</summary>
public sealed record ExtractionOutcome(ExtractionStatus Status, int Cards, int Dropped, string? Message);

/// <summary>
/// Extracts one episode's cards: asks the configured extractor, keeps only cards whose quote the grounding gate
/// finds (times and speaker come from the gate), validates them, embeds them and replaces the episode's previous
/// cards, then clusters them with other shows' cards. Safe to run twice; state and last error go on the episode.
/// </summary>
public sealed class ExtractEpisodeJob(
    PodBriefDbContext db,
    IInsightExtractor extractor,
    ITextEmbedder embedder,
    TopicEmbeddings topicEmbeddings,
    CardClusterer clusterer,
    IOptions<InsightsOptions> options,
    TimeProvider clock,
    ILogger<ExtractEpisodeJob> logger)
{
    public Task RunAsync(long episodeId, CancellationToken cancellationToken) => RunAsync(episodeId, force: false, cancellationToken);

    public async Task<ExtractionOutcome> RunAsync(long episodeId, bool force, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (!await ExtractionClaim.TryClaimAsync(db, episodeId, now, force, cancellationToken))
        {
            return new ExtractionOutcome(ExtractionStatus.Skipped, 0, 0, await ExtractionClaim.WhyNotAsync(db, episodeId, now, cancellationToken));
        }
        try
        {
            return await RunClaimedAsync(episodeId, force, now, cancellationToken);
        }
        catch
        {
            // An unexpected failure must not hold the episode until the lease runs out.
            await db.Episodes.Where(e => e.Id == episodeId)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.ExtractionLeaseUntil, (DateTime?)null), CancellationToken.None);
            throw;
        }
    }

    private async Task<ExtractionOutcome> RunClaimedAsync(long episodeId, bool force, DateTime now, CancellationToken cancellationToken)
    {
        // Loaded after the claim, so the lease is part of the tracked state and FinishAsync's release is saved.
        var episode = await db.Episodes.Include(e => e.Podcast).FirstAsync(e => e.Id == episodeId, cancellationToken);
        var settings = options.Value;
        if (!force && episode.PublishedAt < now.AddDays(-settings.MaxEpisodeAgeDays))
        {
            return await FinishAsync(episode, ExtractionStatus.Skipped, $"older than Insights:MaxEpisodeAgeDays ({settings.MaxEpisodeAgeDays})", cancellationToken);
        }
        var transcript = await db.Transcripts.AsNoTracking().FirstOrDefaultAsync(t => t.EpisodeId == episodeId, cancellationToken);
        if (transcript is null)
        {
            if (episode.TranscriptStatus is TranscriptStatus.Unavailable or TranscriptStatus.Failed)
            {
                return await FinishAsync(episode, ExtractionStatus.Skipped, "no transcript", cancellationToken);
            }
            episode.ExtractionNextAttemptAt = now.AddHours(1);
            return await FinishAsync(episode, ExtractionStatus.Waiting, "waiting for the transcript", cancellationToken);
        }
        var document = DocumentOf(transcript);
        if (document.Segments.Count == 0)
        {
            return await FinishAsync(episode, ExtractionStatus.Skipped, "the transcript is empty", cancellationToken);
        }

        await topicEmbeddings.EnsureAsync(db, cancellationToken);
        var topics = await db.Topics.AsNoTracking().Where(t => t.IsActive).OrderBy(t => t.SortOrder).ThenBy(t => t.Id).ToListAsync(cancellationToken);
        var request = new ExtractionRequest(episode.Id, episode.Podcast?.Title, episode.Title, document,
            topics.Select(t => new TopicChoice(t.Slug, t.Name, t.Description)).ToList(), settings.MaxCardsPerEpisode)
        {
            Chapters = await EpisodeChapterQueries.ForEpisodeAsync(db, episode.Id, cancellationToken),
        };

        episode.ExtractionAttempts++;
        ExtractionResult result;
        try
        {
            result = await extractor.ExtractAsync(request, cancellationToken);
        }
        catch (ExtractionDeferredException deferred)
        {
            episode.ExtractionNextAttemptAt = deferred.RetryAfterUtc ?? now.AddMinutes(30);
            return await FinishAsync(episode, ExtractionStatus.Waiting, deferred.Message, cancellationToken);
        }
        catch (ExtractionFailedException failed)
        {
            return await FinishAsync(episode, ExtractionStatus.Failed, failed.Message, cancellationToken);
        }
        // A failure while the host is stopping is the stop, whatever the extractor threw for it (ONNX Runtime
        // reports a cancelled run as its own exception): no attempt is counted and no back-off set, so the next
        // start picks the episode up at once. Counting it left a newcomer who stopped the first run mid-extraction
        // with an empty landing page for ten minutes.
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogError(ex, "Extraction of episode {EpisodeId} failed (attempt {Attempt})", episode.Id, episode.ExtractionAttempts);
            var giveUp = episode.ExtractionAttempts >= settings.MaxAttempts;
            episode.ExtractionNextAttemptAt = giveUp ? null : now.AddMinutes(5 * Math.Pow(2, episode.ExtractionAttempts));
            return await FinishAsync(episode, giveUp ? ExtractionStatus.Failed : ExtractionStatus.Waiting, $"{ex.GetType().Name}: {ex.Message}", cancellationToken);
        }

        var language = transcript.Language ?? episode.Language ?? episode.Podcast?.Language;
        var screening = CardScreening.Screen(result.Cards, document, topics.Select(t => t.Slug).ToHashSet(StringComparer.Ordinal), language);
        var cards = screening.Kept;
        var dropped = screening.Dropped;
        var vectors = cards.Count == 0 ? [] : await embedder.EmbedAsync(cards.Select(c => c.Card.Headline + " " + c.Card.Body).ToList(), cancellationToken);
        var bySlug = topics.ToDictionary(t => t.Slug, t => t.Id, StringComparer.Ordinal);
        var rows = cards.Select((c, i) => ToRow(episode, transcript, c.Card, c.Quote, vectors[i], language, bySlug, now)).ToList();

        rows = await EpisodeCardReplacer.ReplaceAsync(db, clusterer, episode.Id, rows, now, cancellationToken);
        await clusterer.AssignAsync(db, rows, cancellationToken);

        episode.ExtractedAt = now;
        episode.ExtractionNextAttemptAt = null;
        episode.ExtractionCardsDropped = dropped.Total;
        episode.ExtractionDropReasons = dropped.Serialize();
        var message = dropped.Total == 0 ? null
            : $"{dropped.Total} card(s) dropped: {string.Join("; ", dropped.Counts.OrderByDescending(kv => kv.Value).Take(5).Select(kv => $"{DropTally.Describe(kv.Key)} ×{kv.Value}"))}";
        var outcome = await FinishAsync(episode, ExtractionStatus.Done, message, cancellationToken);
        logger.LogInformation("Episode {EpisodeId}: {Cards} card(s) stored, {Dropped} dropped{Reasons}", episode.Id, rows.Count, dropped.Total,
            episode.ExtractionDropReasons is { Length: > 0 } reasons ? $" ({reasons})" : "");
        PodBriefTelemetry.CardsStored.Add(rows.Count, new KeyValuePair<string, object?>("extractor", rows.FirstOrDefault()?.ExtractorName ?? "none"));
        return outcome with { Cards = rows.Count, Dropped = dropped.Total };
    }

    /// <summary>Show-notes transcripts may have no timed segments: the text becomes one untimed segment.</summary>
    private static TranscriptDocument DocumentOf(Transcript transcript)
    {
        var document = transcript.ToDocument();
        if (document.Segments.Count == 0 && !string.IsNullOrWhiteSpace(transcript.Text))
        {
            document = document with { Segments = [new TranscriptSegment(0, 0, null, transcript.Text)] };
        }
        return document;
    }

    private InsightCard ToRow(Episode episode, Transcript transcript, ExtractedCard card, GroundedQuote quote, float[] vector,
        string? language, Dictionary<string, long> topicIds, DateTime now)
    {
        var showNotes = transcript.Provenance == TranscriptProvenance.ShowNotes;
        var row = new InsightCard
        {
            EpisodeId = episode.Id,
            PodcastId = episode.PodcastId,
            Headline = card.Headline,
            Body = card.Body,
            Quote = card.Quote,
            // Times and speaker come from where the gate found the quote, never from the extractor.
            QuoteStartSeconds = showNotes ? null : quote.StartSeconds,
            QuoteEndSeconds = showNotes ? null : quote.EndSeconds,
            Speaker = showNotes ? null : quote.Speaker,
            Keywords = card.Keywords.Count == 0 ? null : string.Join(", ", card.Keywords),
            Importance = card.Importance,
            Provenance = transcript.Provenance,
            Confidence = showNotes ? CardConfidence.Low : CardConfidence.High,
            Language = language,
            Embedding = EmbeddingBytes.ToBytes(vector),
            EmbeddingModel = embedder.ModelName,
            ExtractorName = extractor.Name,
            PromptVersion = extractor.PromptVersion,
            CreatedAt = now,
        };
        foreach (var (slug, rank) in card.TopicSlugs.Select((s, i) => (s, i)))
        {
            if (topicIds.TryGetValue(slug, out var topicId))
            {
                row.Topics.Add(new InsightCardTopic { TopicId = topicId, Score = 1.0 - (rank * 0.2) });
            }
        }
        return row;
    }

    private async Task<ExtractionOutcome> FinishAsync(Episode episode, ExtractionStatus status, string? message, CancellationToken cancellationToken)
    {
        episode.ExtractionStatus = status;
        episode.ExtractionLeaseUntil = null;
        episode.ExtractionLastError = message is { Length: > 1000 } ? message[..1000] : message;
        if (status is ExtractionStatus.Done or ExtractionStatus.Failed or ExtractionStatus.Skipped)
        {
            episode.ExtractionNextAttemptAt = null;
        }
        episode.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return new ExtractionOutcome(status, 0, 0, message);
    }
}

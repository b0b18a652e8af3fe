using System.Numerics.Tensors;
using PodBrief.Core.Transcripts;

namespace PodBrief.Core.Insights;

/// <summary>
/// The default extractor: extractive, local, deterministic, no network. Sentences are scored for information
/// (numbers, named things, causal links, and how much they read like a claim rather than an anecdote, banter or an
/// ad: <see cref="Offline.ClaimLikeness"/>), the episode is cut into topical passages, and the best passages —
/// each unlike the ones already taken — give one card each (<see cref="Offline.PassageSelector"/>), one card per
/// five minutes of talk. Intros, sponsor reads and thanks are skipped. The quote is a sentence verbatim; the body
/// is the claim cleaned and completed (<see cref="Offline.PassageCardComposer"/>); the headline a key phrase or the
/// publisher's chapter title.
/// </summary>
public sealed class OfflineInsightExtractor(ITextEmbedder embedder) : IInsightExtractor, IDisposable
{
    /// <summary>Minimum cosine between a card and a topic description for the topic to be tagged.</summary>
    public const double TopicThreshold = 0.15;

    /// <summary>How far the best topic must stand above the mean of all topics to be tagged.</summary>
    public const double TopicMargin = 0.08;

    // A card's topics lean on the whole episode too: one sentence alone is often too short to say what it is about.
    private const double EpisodeTopicWeight = 0.35;

    // Intros and outros are mostly housekeeping: sentences in the first/last 4% are held back.
    private const double EdgeShare = 0.04;

    // How far the prototype comparison moves a sentence's information score (its range is about ±0.3).
    private const double ClaimWeight = 1.5;

    private Offline.ClaimLikeness? _claimLikeness;

    private async Task<Offline.ClaimLikeness> ClaimLikenessAsync(CancellationToken cancellationToken) =>
        _claimLikeness ??= await Offline.ClaimLikeness.CreateAsync(embedder, cancellationToken);

    private readonly Dictionary<string, float[]> _topicVectors = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _topicLock = new(1, 1);

    public string Name => "offline-minilm";

    public string PromptVersion => "offline-5";

    public async Task<ExtractionResult> ExtractAsync(ExtractionRequest request, CancellationToken cancellationToken)
    {
        var sentences = OfflineSentenceBuilder.Build(request.Transcript);
        var wanted = CardsFor(request);
        var total = sentences.Count;
        var sponsorRead = Offline.SponsorReads.Find(sentences);
        var candidates = sentences
            .Where(s => SentenceInformativeness.IsEligible(s) && !IsAtEdge(s.Index, total) && !sponsorRead.Contains(s.Index))
            .ToList();
        if (candidates.Count < wanted * 2)
        {
            // A short transcript: the edges are all there is.
            candidates = sentences.Where(SentenceInformativeness.IsEligible).ToList();
        }
        if (candidates.Count == 0 || wanted <= 0)
        {
            return new ExtractionResult([]);
        }

        var vectors = await embedder.EmbedAsync(candidates.Select(c => c.Text).ToList(), cancellationToken);
        var centroid = Offline.PassageSelector.Gist(vectors, Enumerable.Range(0, vectors.Count));
        // Word signals and meaning together: the lexical score counts numbers and causal links, the prototypes
        // tell an insight from an anecdote, banter or ad copy worded in ways no list foresaw.
        var claims = await ClaimLikenessAsync(cancellationToken);
        var information = candidates.Select((c, i) => Math.Clamp(SentenceInformativeness.Score(c) + (ClaimWeight * claims.Score(vectors[i])), 0, 1)).ToList();
        var relevance = new double[candidates.Count];
        var bySentence = new Dictionary<int, double>();
        for (var i = 0; i < candidates.Count; i++)
        {
            var centrality = TensorPrimitives.Dot(vectors[i], centroid);
            // Information weighs more than centrality: the most central sentences of a talk are often its generic framing.
            relevance[i] = (0.35 * centrality) + (0.65 * information[i]);
            bySentence[candidates[i].Index] = relevance[i];
        }

        // Topical passages; each card is one passage's idea, so the picks spread over what the episode talks about.
        var passages = Offline.PassageSegmenter.Segment(vectors, Math.Max(wanted * 2, candidates.Count / 12));
        var picked = Offline.PassageSelector.Order(vectors, information, passages, wanted);
        var topics = await TopicVectorsAsync(request.Topics, cancellationToken);
        var frequencies = CardTextComposer.WordFrequencies(sentences);
        var maxRelevance = picked.Count == 0 ? 0 : picked.Max(p => relevance[p]);
        var minRelevance = relevance.Min();

        var cards = new List<(ExtractedCard Card, int Index, int Candidate, string Passage)>();
        var gate = new GroundingGate(request.Transcript);
        var usedPassages = new HashSet<int>();
        var candidateSet = candidates.Select(c => c.Index).ToHashSet();
        var vectorOf = candidates.Select((c, i) => (c.Index, Vector: vectors[i])).ToDictionary(x => x.Index, x => x.Vector);
        double Similarity(int a, int b) => vectorOf.TryGetValue(a, out var va) && vectorOf.TryGetValue(b, out var vb) ? TensorPrimitives.Dot(va, vb) : 0;
        foreach (var p in picked)
        {
            if (usedPassages.Contains(passages[p]))
            {
                continue;
            }
            var sentence = candidates[p];
            var text = Offline.PassageCardComposer.Compose(sentences, sentence, i => bySentence.GetValueOrDefault(i), s => candidateSet.Contains(s.Index), Similarity);
            // The quote is the transcript's own wording as the gate finds it (stray punctuation tokens dropped).
            var located = text is null ? null : gate.Locate(text.Quote.Text);
            if (text is null || located is null || !located.IsExact)
            {
                continue;
            }
            var importance = maxRelevance > minRelevance ? 0.3 + (0.7 * (relevance[p] - minRelevance) / (maxRelevance - minRelevance)) : 0.5;
            var keywords = CardTextComposer.Keywords(text.Body, frequencies);
            var passageText = string.Join(' ', candidates.Where((_, i) => passages[i] == passages[p]).Select(c => c.Text));
            // A provisional label so the gate can judge the body now; the final headline is chosen below.
            var card = new ExtractedCard(
                HeadlineComposer.Compose(HeadlineComposer.Candidates(text.Body, frequencies), text.Body, keywords),
                text.Body,
                located.VerbatimText,
                TagTopics(vectors[p], centroid, topics, request.Transcript.Language),
                keywords,
                Math.Round(Math.Clamp(importance, 0, 1), 3),
                CardPresentation.SpeakerToShow(sentence.Speaker));
            if (Quality.CardQuality.Check(card with { Headline = "Placeholder label" }, request.Transcript.Language).Count == 0)
            {
                cards.Add((card, sentence.Index, p, passageText));
                usedPassages.Add(passages[p]);
            }
            if (cards.Count >= wanted)
            {
                break;
            }
        }
        var labelled = await LabelAsync(cards.Select(c => (c.Card, vectors[c.Candidate], c.Passage, candidates[c.Candidate].Start)).ToList(), frequencies, request, cancellationToken);
        return new ExtractionResult([.. cards.Select((c, i) => (Card: labelled[i], c.Index)).Where(c => c.Card is not null).OrderBy(c => c.Index).Select(c => c.Card!)]);
    }

    /// <summary>
    /// Headlines: the title of the publisher's chapter that covers the card's sentence when there is one; otherwise the
    /// key phrases of the card's passage are embedded and the one closest in meaning to the card's sentence wins (a
    /// label that says what it is about), as long as the card still passes the gate. Null drops the card.
    /// </summary>
    private async Task<List<ExtractedCard?>> LabelAsync(List<(ExtractedCard Card, float[] Vector, string Passage, double Start)> cards, Dictionary<string, int> frequencies, ExtractionRequest request, CancellationToken cancellationToken)
    {
        var language = request.Transcript.Language;
        var options = cards.Select(c => HeadlineComposer.Candidates(c.Card.Body + " " + c.Passage, frequencies, 10)).ToList();
        var all = options.SelectMany(o => o).Distinct(StringComparer.Ordinal).ToList();
        var phraseVectors = all.Count == 0 ? [] : await embedder.EmbedAsync(all, cancellationToken);
        var byPhrase = all.Select((phrase, i) => (phrase, i)).ToDictionary(x => x.phrase, x => phraseVectors[x.i], StringComparer.Ordinal);
        var result = new List<ExtractedCard?>();
        for (var i = 0; i < cards.Count; i++)
        {
            var (card, vector, _, start) = cards[i];
            var ranked = options[i].Select((phrase, rank) => (phrase, score: TensorPrimitives.Dot(byPhrase[phrase], vector) - (0.01 * rank)))
                .OrderByDescending(x => x.score).Select(x => x.phrase).ToList();
            var chapter = ChapterAt(request.Chapters, start);
            if (chapter is not null)
            {
                ranked.Insert(0, chapter);
            }
            var headline = HeadlineComposer.Compose(ranked, card.Body, card.Keywords);
            var relabelled = card with { Headline = headline };
            result.Add(Quality.CardQuality.Check(relabelled, language).Count == 0 ? relabelled : null);
        }
        return result;
    }

    private static string? ChapterAt(IReadOnlyList<(double StartSeconds, string Title)> chapters, double start)
    {
        string? title = null;
        foreach (var chapter in chapters)
        {
            if (chapter.StartSeconds <= start)
            {
                title = chapter.Title;
            }
        }
        return title is { Length: > 0 and <= HeadlineComposer.MaxHeadline } ? title.Trim() : null;
    }

    /// <summary>
    /// One card per <see cref="MinutesPerCard"/> minutes of talk, at least <see cref="MinCards"/> and at most what the
    /// operator allows: a two-hour interview covers more ideas than a ten-minute news item, and ranking, not the
    /// extractor, decides which of them a subscriber gets.
    /// </summary>
    private static int CardsFor(ExtractionRequest request)
    {
        var minutes = (request.Transcript.DurationSeconds ?? 0) / 60;
        var byLength = (int)Math.Ceiling(minutes / MinutesPerCard);
        return Math.Min(request.MaxCards, Math.Max(MinCards, byLength));
    }

    private const double MinutesPerCard = 5;
    private const int MinCards = 6;

    private static bool IsAtEdge(int index, int total) =>
        total >= 40 && (index < total * EdgeShare || index >= total * (1 - EdgeShare));

    /// <summary>
    /// Topics with precision: a topic is tagged only when it stands out from the rest by a clear margin (a card close to
    /// every topic is about none of them), and the English topic descriptions are trusted less on other languages.
    /// No confident topic means no topic.
    /// </summary>
    private static List<string> TagTopics(float[] card, float[] episode, IReadOnlyList<(string Slug, float[] Vector)> topics, string? language)
    {
        var all = topics
            .Select(t => (t.Slug, Score: ((1 - EpisodeTopicWeight) * TensorPrimitives.Dot(card, t.Vector)) + (EpisodeTopicWeight * TensorPrimitives.Dot(episode, t.Vector))))
            .OrderByDescending(t => t.Score)
            .ThenBy(t => t.Slug, StringComparer.Ordinal)
            .ToList();
        if (all.Count == 0)
        {
            return [];
        }
        var english = Quality.TextMeasure.PrimaryLanguage(language) is null or "en";
        var threshold = english ? TopicThreshold : TopicThreshold * 2;
        var mean = all.Average(t => t.Score);
        var top = all[0].Score;
        if (top < threshold || top - mean < TopicMargin)
        {
            return [];
        }
        // Secondary topics only when nearly as close as the best one.
        return all.Where(t => t.Score >= top - 0.03 && t.Score >= threshold).Take(3).Select(t => t.Slug).ToList();
    }

    private async Task<IReadOnlyList<(string Slug, float[] Vector)>> TopicVectorsAsync(IReadOnlyList<TopicChoice> topics, CancellationToken cancellationToken)
    {
        await _topicLock.WaitAsync(cancellationToken);
        try
        {
            var missing = topics.Select(TextOf).Where(t => !_topicVectors.ContainsKey(t)).Distinct(StringComparer.Ordinal).ToList();
            if (missing.Count > 0)
            {
                var vectors = await embedder.EmbedAsync(missing, cancellationToken);
                for (var i = 0; i < missing.Count; i++)
                {
                    _topicVectors[missing[i]] = vectors[i];
                }
            }
            return topics.Select(t => (t.Slug, _topicVectors[TextOf(t)])).ToList();
        }
        finally
        {
            _topicLock.Release();
        }
    }

    // Same text as the stored topic embeddings (TopicEmbeddings.TextOf), so both agree.
    private static string TextOf(TopicChoice topic) => $"{topic.Name}: {topic.Description}";

    public void Dispose() => _topicLock.Dispose();
}

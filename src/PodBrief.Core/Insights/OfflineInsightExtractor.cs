using System.Numerics.Tensors;
using PodBrief.Core.Transcripts;

namespace PodBrief.Core.Insights;

/// <summary>
/// The default extractor: extractive, local, deterministic, no network. It picks the sentences that are both
/// central to the episode (cosine to the mean sentence embedding) and informative (claims, numbers, named things),
/// skips intros, sponsor reads and thanks, and keeps them diverse with maximal marginal relevance. The quote is
/// the sentence verbatim; body and headline are cleaned and compressed forms of it.
/// </summary>
public sealed class OfflineInsightExtractor(ITextEmbedder embedder) : IInsightExtractor, IDisposable
{
    /// <summary>Minimum cosine between a card and a topic description for the topic to be tagged.</summary>
    public const double TopicThreshold = 0.15;

    /// <summary>How far the best topic must stand above the mean of all topics to be tagged.</summary>
    public const double TopicMargin = 0.08;

    // A card's topics lean on the whole episode too: one sentence alone is often too short to say what it is about.
    private const double EpisodeTopicWeight = 0.35;

    // How much a pick close in time to an earlier one is held back (0: not at all).
    private const double TimeSpreadWeight = 0.25;

    // MMR trade-off: relevance against redundancy with the cards already picked.
    private const double Lambda = 0.7;

    // Intros and outros are mostly housekeeping: sentences in the first/last 4% are held back.
    private const double EdgeShare = 0.04;

    // Sentences this close to a sponsor-read marker are taken to be part of the ad.
    private const int AdRadius = 4;

    private readonly Dictionary<string, float[]> _topicVectors = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _topicLock = new(1, 1);

    public string Name => "offline-minilm";

    public string PromptVersion => "offline-3";

    public async Task<ExtractionResult> ExtractAsync(ExtractionRequest request, CancellationToken cancellationToken)
    {
        var sentences = OfflineSentenceBuilder.Build(request.Transcript);
        var total = sentences.Count;
        var adMarkers = sentences.Where(s => SentenceInformativeness.IsAdMarker(s.Text)).Select(s => s.Index).ToList();
        var candidates = sentences
            .Where(s => SentenceInformativeness.IsEligible(s) && !IsAtEdge(s.Index, total) && !adMarkers.Any(a => Math.Abs(a - s.Index) <= AdRadius))
            .ToList();
        if (candidates.Count < request.MaxCards * 2)
        {
            // A short transcript: the edges are all there is.
            candidates = sentences.Where(SentenceInformativeness.IsEligible).ToList();
        }
        if (candidates.Count == 0 || request.MaxCards <= 0)
        {
            return new ExtractionResult([]);
        }

        var vectors = await embedder.EmbedAsync(candidates.Select(c => c.Text).ToList(), cancellationToken);
        var centroid = Centroid(vectors);
        var relevance = new double[candidates.Count];
        var bySentence = new Dictionary<int, double>();
        for (var i = 0; i < candidates.Count; i++)
        {
            var centrality = TensorPrimitives.Dot(vectors[i], centroid);
            // Information weighs more than centrality: the most central sentences of a talk are often its generic framing.
            relevance[i] = (0.35 * centrality) + (0.65 * SentenceInformativeness.Score(candidates[i]));
            bySentence[candidates[i].Index] = relevance[i];
        }

        // Topical passages; each card is one passage's idea, so the picks spread over what the episode talks about.
        var passages = Offline.PassageSegmenter.Segment(vectors, Math.Max(request.MaxCards * 2, candidates.Count / 12));
        var picked = SelectByMmr(candidates, vectors, relevance, passages, request.MaxCards, request.MaxCards * 4);
        var topics = await TopicVectorsAsync(request.Topics, cancellationToken);
        var frequencies = CardTextComposer.WordFrequencies(sentences);
        var maxRelevance = picked.Count == 0 ? 0 : picked.Max(p => relevance[p]);
        var minRelevance = relevance.Min();

        var cards = new List<(ExtractedCard Card, int Index, int Candidate, string Passage)>();
        var gate = new GroundingGate(request.Transcript);
        var usedPassages = new HashSet<int>();
        var candidateSet = candidates.Select(c => c.Index).ToHashSet();
        foreach (var p in picked)
        {
            if (usedPassages.Contains(passages[p]))
            {
                continue;
            }
            var sentence = candidates[p];
            var text = Offline.PassageCardComposer.Compose(sentences, sentence, i => bySentence.GetValueOrDefault(i), s => candidateSet.Contains(s.Index));
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
            if (cards.Count >= request.MaxCards)
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

    private static bool IsAtEdge(int index, int total) =>
        total >= 40 && (index < total * EdgeShare || index >= total * (1 - EdgeShare));

    private static float[] Centroid(IReadOnlyList<float[]> vectors)
    {
        var centroid = new float[vectors[0].Length];
        foreach (var vector in vectors)
        {
            TensorPrimitives.Add(centroid, vector, centroid);
        }
        var norm = TensorPrimitives.Norm(centroid);
        if (norm > 0)
        {
            TensorPrimitives.Divide(centroid, norm, centroid);
        }
        return centroid;
    }

    /// <summary>Maximal marginal relevance (Carbonell &amp; Goldstein 1998) over sentences, at most two per passage (the
    /// second only as a stand-in when the first cannot make a card), so the picks cover different passages first.</summary>
    private static List<int> SelectByMmr(List<CandidateSentence> candidates, IReadOnlyList<float[]> vectors, double[] relevance, int[] passages, int cards, int max)
    {
        var picked = new List<int>();
        var perPassage = new Dictionary<int, int>();
        var total = candidates.Count == 0 ? 1 : candidates[^1].Index - candidates[0].Index + 1;
        var spread = Math.Max(3.0, total / (double)Math.Max(1, cards));
        while (picked.Count < max)
        {
            var best = -1;
            var bestScore = double.NegativeInfinity;
            for (var i = 0; i < candidates.Count; i++)
            {
                var taken = perPassage.GetValueOrDefault(passages[i]);
                if (taken >= 2 || picked.Contains(i) || picked.Any(p => Math.Abs(candidates[p].Index - candidates[i].Index) <= 2))
                {
                    continue;
                }
                var redundancy = picked.Count == 0 ? 0 : picked.Max(p => TensorPrimitives.Dot(vectors[i], vectors[p]));
                // Near in time is redundant too: an editor's picks spread over the whole episode.
                var crowding = picked.Count == 0 ? 0 : picked.Max(p => Math.Max(0, 1 - (Math.Abs(candidates[p].Index - candidates[i].Index) / spread)));
                // A passage already picked from is only a fallback: new passages come first.
                var score = (Lambda * relevance[i]) - ((1 - Lambda) * redundancy) - (TimeSpreadWeight * crowding) - (taken * 0.5);
                if (score > bestScore)
                {
                    bestScore = score;
                    best = i;
                }
            }
            if (best < 0)
            {
                break;
            }
            picked.Add(best);
            perPassage[passages[best]] = perPassage.GetValueOrDefault(passages[best]) + 1;
        }
        return picked;
    }

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

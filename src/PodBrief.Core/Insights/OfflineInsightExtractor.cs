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

    // A card's topics lean on the whole episode too: one sentence alone is often too short to say what it is about.
    private const double EpisodeTopicWeight = 0.35;

    // MMR trade-off: relevance against redundancy with the cards already picked.
    private const double Lambda = 0.7;

    // Intros and outros are mostly housekeeping: sentences in the first/last 4% are held back.
    private const double EdgeShare = 0.04;

    // Sentences this close to a sponsor-read marker are taken to be part of the ad.
    private const int AdRadius = 4;

    private readonly Dictionary<string, float[]> _topicVectors = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _topicLock = new(1, 1);

    public string Name => "offline-minilm";

    public string PromptVersion => "offline-2";

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
        for (var i = 0; i < candidates.Count; i++)
        {
            var centrality = TensorPrimitives.Dot(vectors[i], centroid);
            relevance[i] = (0.55 * centrality) + (0.45 * SentenceInformativeness.Score(candidates[i]));
        }

        // More picks than needed: the quality gate below turns some away (dangling starts, housekeeping).
        var picked = SelectByMmr(candidates, vectors, relevance, request.MaxCards * 3);
        var topics = await TopicVectorsAsync(request.Topics, cancellationToken);
        var frequencies = CardTextComposer.WordFrequencies(sentences);
        var maxRelevance = picked.Max(p => relevance[p]);
        var minRelevance = relevance.Min();

        var cards = new List<(ExtractedCard Card, int Index)>();
        var gate = new GroundingGate(request.Transcript);
        foreach (var p in picked)
        {
            var sentence = candidates[p];
            // The quote is the transcript's own wording as the gate finds it (stray punctuation tokens dropped).
            var located = gate.Locate(sentence.Text);
            if (located is null || !located.IsExact)
            {
                continue;
            }
            var next = sentence.Index + 1 < sentences.Count ? sentences[sentence.Index + 1] : null;
            var body = CardTextComposer.ComposeBody(sentence, next);
            var importance = maxRelevance > minRelevance ? 0.3 + (0.7 * (relevance[p] - minRelevance) / (maxRelevance - minRelevance)) : 0.5;
            var keywords = CardTextComposer.Keywords(body, frequencies);
            var card = new ExtractedCard(
                HeadlineComposer.Compose(HeadlineComposer.Candidates(body, frequencies), body, keywords),
                body,
                located.VerbatimText,
                TagTopics(vectors[p], centroid, topics),
                keywords,
                Math.Round(Math.Clamp(importance, 0, 1), 3),
                sentence.Speaker);
            if (Quality.CardQuality.Check(card, request.Transcript.Language).Count == 0)
            {
                cards.Add((card, sentence.Index));
            }
            if (cards.Count >= request.MaxCards)
            {
                break;
            }
        }
        return new ExtractionResult([.. cards.OrderBy(c => c.Index).Select(c => c.Card)]);
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

    /// <summary>Maximal marginal relevance (Carbonell &amp; Goldstein 1998); neighbours of a pick are skipped so
    /// two cards never quote the same passage.</summary>
    private static List<int> SelectByMmr(List<CandidateSentence> candidates, IReadOnlyList<float[]> vectors, double[] relevance, int max)
    {
        var picked = new List<int>();
        while (picked.Count < max)
        {
            var best = -1;
            var bestScore = double.NegativeInfinity;
            for (var i = 0; i < candidates.Count; i++)
            {
                if (picked.Contains(i) || picked.Any(p => Math.Abs(candidates[p].Index - candidates[i].Index) <= 2))
                {
                    continue;
                }
                var redundancy = picked.Count == 0 ? 0 : picked.Max(p => TensorPrimitives.Dot(vectors[i], vectors[p]));
                var score = (Lambda * relevance[i]) - ((1 - Lambda) * redundancy);
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
        }
        return picked;
    }

    private static List<string> TagTopics(float[] card, float[] episode, IReadOnlyList<(string Slug, float[] Vector)> topics)
    {
        var scored = topics
            .Select(t => (t.Slug, Score: ((1 - EpisodeTopicWeight) * TensorPrimitives.Dot(card, t.Vector)) + (EpisodeTopicWeight * TensorPrimitives.Dot(episode, t.Vector))))
            .Where(t => t.Score >= TopicThreshold)
            .OrderByDescending(t => t.Score)
            .ThenBy(t => t.Slug, StringComparer.Ordinal)
            .ToList();
        if (scored.Count == 0)
        {
            return [];
        }
        // Secondary topics only when nearly as close as the best one.
        var top = scored[0].Score;
        return scored.Where(t => t.Score >= top - 0.03).Take(3).Select(t => t.Slug).ToList();
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

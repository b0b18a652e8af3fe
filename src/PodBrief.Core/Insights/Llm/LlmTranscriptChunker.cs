using System.Text;
using Microsoft.ML.Tokenizers;
using PodBrief.Core.Transcripts;

namespace PodBrief.Core.Insights.Llm;

/// <summary>
/// Splits a transcript into chunks of about Llm:ChunkTokens tokens (o200k, the GPT-4o family's encoding) along
/// segment boundaries, each repeating about Llm:ChunkOverlapTokens tokens of the previous one, so an idea that
/// straddles a boundary is seen whole once. Chunks are balanced (two chunks of 7k rather than 12k + 2k).
/// </summary>
public static class LlmTranscriptChunker
{
    private static readonly Lazy<Tokenizer> SharedTokenizer = new(() => TiktokenTokenizer.CreateForEncoding("o200k_base"));

    public static Tokenizer Tokenizer => SharedTokenizer.Value;

    public static int CountTokens(string text) => Tokenizer.CountTokens(text);

    public static IReadOnlyList<string> Split(TranscriptDocument transcript, int chunkTokens, int overlapTokens)
    {
        var pieces = Pieces(transcript, chunkTokens);
        var total = pieces.Sum(p => p.Tokens);
        if (total <= chunkTokens)
        {
            return pieces.Count == 0 ? [] : [Join(pieces, 0, pieces.Count)];
        }
        // Every chunk after the first repeats about overlapTokens, so plan with that included.
        var chunkCount = (int)Math.Ceiling((double)(total - overlapTokens) / (chunkTokens - overlapTokens));
        var target = (int)Math.Ceiling((double)(total + ((chunkCount - 1) * overlapTokens)) / chunkCount);
        var remaining = new int[pieces.Count + 1];
        for (var i = pieces.Count - 1; i >= 0; i--)
        {
            remaining[i] = remaining[i + 1] + pieces[i].Tokens;
        }
        var chunks = new List<string>();
        var start = 0;
        while (start < pieces.Count)
        {
            var end = start;
            var tokens = 0;
            while (end < pieces.Count && (end == start || tokens + pieces[end].Tokens <= target))
            {
                tokens += pieces[end].Tokens;
                end++;
            }
            // A tail of a few hundred tokens is not worth a call of its own (and a prompt repeated for it).
            if (remaining[end] <= target / 10 + overlapTokens && tokens + remaining[end] <= chunkTokens)
            {
                end = pieces.Count;
            }
            chunks.Add(Join(pieces, start, end));
            if (end >= pieces.Count)
            {
                break;
            }
            // Step back over whole pieces worth at most the overlap budget, always moving forward.
            var next = end;
            var overlap = 0;
            while (next - 1 > start && overlap + pieces[next - 1].Tokens <= overlapTokens)
            {
                next--;
                overlap += pieces[next].Tokens;
            }
            start = next;
        }
        return chunks;
    }

    /// <summary>Segment texts, with any segment longer than a chunk cut at token boundaries.</summary>
    private static List<(string Text, int Tokens)> Pieces(TranscriptDocument transcript, int chunkTokens)
    {
        var pieces = new List<(string, int)>();
        foreach (var segment in transcript.Segments)
        {
            var text = segment.Text.Trim();
            while (text.Length > 0)
            {
                var cut = Tokenizer.GetIndexByTokenCount(text, chunkTokens / 2, out _, out var tokens);
                if (cut <= 0)
                {
                    cut = text.Length;
                }
                pieces.Add((text[..cut], tokens));
                text = text[cut..].TrimStart();
            }
        }
        return pieces;
    }

    private static string Join(List<(string Text, int Tokens)> pieces, int start, int end)
    {
        var builder = new StringBuilder();
        for (var i = start; i < end; i++)
        {
            if (builder.Length > 0)
            {
                builder.Append(' ');
            }
            builder.Append(pieces[i].Text);
        }
        return builder.ToString();
    }
}

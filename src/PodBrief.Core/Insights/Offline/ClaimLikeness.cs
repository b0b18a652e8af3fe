using System.Numerics.Tensors;

namespace PodBrief.Core.Insights.Offline;

/// <summary>
/// How much a sentence reads like an insight rather than talk around one, judged in meaning, not by word lists:
/// the sentence's embedding is compared with short examples of each kind (written by us, across many fields) and
/// the closeness to the talk examples is taken from the closeness to the insight examples — zero-shot
/// classification with prototype sentences. Word lists catch "brought to you by"; this catches a sponsor read,
/// an anecdote or banter phrased in words no list foresaw.
/// </summary>
internal sealed class ClaimLikeness
{
    // Claims with a consequence, stated so a stranger understands them: what a card should say.
    private static readonly string[] Insights =
    [
        "Most customers find new products through recommendations from friends, not through advertising.",
        "Sales grew 30 percent this year because buyers moved from stores to online shops.",
        "The tool lets accountants close the books in a day instead of a week.",
        "The main reason small teams miss deadlines is that they switch between tasks instead of finishing one.",
        "When one company owns the marketplace, it can raise fees and sellers have nowhere else to go.",
        "Sleep matters more for memory than studying late, because the brain consolidates what it learned at night.",
        "Interest rates rose, which means borrowing costs more and house prices tend to fall.",
        "The new vaccine uses messenger RNA, which lets manufacturers update it within weeks.",
        "Only a small share of users pay for the premium plan, so most of the profit comes from a few accounts.",
        "Batteries get cheaper every year, which makes electric cars competitive without subsidies.",
        "Writing tests first catches most bugs before they reach users, which saves time later.",
        "The study found that patients who walked daily recovered twice as fast.",
    ];

    // Talk around the ideas: stories about the people present, banter, plans, thanks, ads, the recording itself.
    private static readonly string[] Talk =
    [
        "I got up early, made coffee, and then realised I had left my keys at the office.",
        "My kids were sick all week so I barely left the house.",
        "Yeah, exactly, that's so funny, I was laughing about that the whole time.",
        "Thanks so much for having me, it's really great to be here with you guys.",
        "Our partner gives you a special deal on your first order, so go and try it today.",
        "I'm travelling to a trade show next month, so come and find me at our booth.",
        "Let me pull that up on my screen, hang on, I think I clicked the wrong thing.",
        "She called me back later and we chatted for an hour about nothing in particular.",
        "Anyway, we'll get to that later, but first let me tell you what happened last week.",
        "He sent me a message about it and I said I would think about it.",
        "That was a great question, I'm not sure I remember the exact number off the top of my head.",
        "Don't forget to come to our live event, tickets are on sale now.",
    ];

    private readonly float[][] _insights;
    private readonly float[][] _talk;

    private ClaimLikeness(float[][] insights, float[][] talk)
    {
        _insights = insights;
        _talk = talk;
    }

    public static async Task<ClaimLikeness> CreateAsync(ITextEmbedder embedder, CancellationToken cancellationToken)
    {
        var vectors = await embedder.EmbedAsync([.. Insights, .. Talk], cancellationToken);
        return new ClaimLikeness([.. vectors.Take(Insights.Length)], [.. vectors.Skip(Insights.Length)]);
    }

    /// <summary>Roughly −0.3…0.3: above zero reads like an insight, below like talk around one.</summary>
    public double Score(float[] sentence) => MeanOfTop(_insights, sentence) - MeanOfTop(_talk, sentence);

    // The two closest examples: one close example is a coincidence of wording, two are a kind.
    private static double MeanOfTop(float[][] examples, float[] sentence)
    {
        double first = double.NegativeInfinity, second = double.NegativeInfinity;
        foreach (var example in examples)
        {
            var cosine = TensorPrimitives.Dot(example, sentence);
            if (cosine > first)
            {
                (first, second) = (cosine, first);
            }
            else if (cosine > second)
            {
                second = cosine;
            }
        }
        return (first + second) / 2;
    }
}

using PodBrief.Core.Insights;

namespace PodBrief.IntegrationTests.Insights;

/// <summary>One MiniLM per test process: loading it takes seconds.</summary>
internal static class SharedEmbedder
{
    private static readonly Lazy<LocalMiniLmEmbedder> Instance = new(() => new LocalMiniLmEmbedder());

    public static LocalMiniLmEmbedder Embedder => Instance.Value;

    public static IReadOnlyList<TopicChoice> Topics { get; } =
        DefaultTopics.All.Select(t => new TopicChoice(t.Slug, t.Name, t.Description)).ToList();
}

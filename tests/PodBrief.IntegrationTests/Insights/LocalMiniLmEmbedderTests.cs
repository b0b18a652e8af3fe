using PodBrief.Core.Insights;

namespace PodBrief.IntegrationTests.Insights;

/// <summary>The real model: cancelling a long embedding run stops it as a cancellation, whatever ONNX Runtime throws.</summary>
public class LocalMiniLmEmbedderTests
{
    [Fact]
    public async Task A_run_cancelled_while_the_model_is_working_ends_as_a_cancellation()
    {
        var embedder = SharedEmbedder.Embedder;
        await embedder.EmbedAsync(["Loads the model before the timed part."], TestContext.Current.CancellationToken);
        // Long texts, so nearly all of the run's time is inside the model, where the token is seen by ONNX Runtime.
        var texts = Enumerable.Range(0, 2000)
            .Select(i => string.Join(' ', Enumerable.Repeat($"Sentence {i} about podcast transcripts and the ideas in them.", 20)))
            .ToList();

        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(150 + (attempt * 40)));
            var thrown = await Record.ExceptionAsync(() => embedder.EmbedAsync(texts, cancel.Token));
            Assert.IsAssignableFrom<OperationCanceledException>(thrown);
        }
    }
}

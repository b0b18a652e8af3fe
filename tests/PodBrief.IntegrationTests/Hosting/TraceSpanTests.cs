using System.Collections.Concurrent;
using System.Diagnostics;
using PodBrief.Core.Common;
using PodBrief.Core.Data;
using PodBrief.IntegrationTests.Digests.Sending;
using PodBrief.IntegrationTests.Insights.Llm;
using PodBrief.Testing;

namespace PodBrief.IntegrationTests.Hosting;

/// <summary>The spans an OTLP collector would receive, caught with an <see cref="ActivityListener"/> on the real send and LLM paths.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class TraceSpanTests : IDisposable
{
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;

    public TraceSpanTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is PodBriefTelemetry.Name or "System.Net.Http",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    [Fact]
    public async Task Each_mail_send_is_a_client_span_with_transport_and_outcome()
    {
        await using var f = await DeliveryFixture.StartAsync(DatabaseProvider.Sqlite);
        var seeded = await f.SeedDigestAsync("spans@example.com");

        await f.SendAsync(seeded.DigestId);

        Assert.Single(f.Sink!.Messages);
        var span = Assert.Single(_stopped, a => a.Source.Name == PodBriefTelemetry.Name && a.OperationName == "mail send");
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal("smtp", span.GetTagItem("podbrief.mail.transport"));
        Assert.Equal("sent", span.GetTagItem("podbrief.mail.outcome"));
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
    }

    [Fact]
    public async Task A_refused_mail_send_is_an_error_span()
    {
        await using var f = await DeliveryFixture.StartAsync(DatabaseProvider.Sqlite, smtpUp: false);
        var seeded = await f.SeedDigestAsync("down@example.com");

        await f.SendAsync(seeded.DigestId);

        var span = Assert.Single(_stopped, a => a.Source.Name == PodBriefTelemetry.Name && a.OperationName == "mail send");
        Assert.Equal("transient_failure", span.GetTagItem("podbrief.mail.outcome"));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(DigestState.Pending, (await f.DigestAsync(seeded.DigestId)).State);
    }

    [Fact]
    public async Task Each_llm_attempt_is_a_client_span_with_model_and_tokens_around_the_outbound_http_request()
    {
        await using var llm = await FakeOpenAiServer.StartAsync();
        llm.Enqueue(FakeOpenAiServer.Error(500, "upstream hiccup"));
        llm.ChatResponder = _ => LlmTestKit.Cards(LlmTestKit.DistillationCard);
        await using var app = await LlmTestKit.StartAppAsync(llm);

        var result = await app.ExtractAsync();

        Assert.Single(result.Cards);
        var spans = _stopped.Where(a => a.Source.Name == PodBriefTelemetry.Name && a.OperationName == $"chat {LlmTestKit.Deployment}")
            .OrderBy(a => a.StartTimeUtc).ToList();
        Assert.Equal(2, spans.Count);
        var (failed, ok) = (spans[0], spans[1]);
        Assert.All(spans, s => Assert.Equal(ActivityKind.Client, s.Kind));
        Assert.All(spans, s => Assert.Equal(LlmTestKit.Deployment, s.GetTagItem("gen_ai.request.model")));
        Assert.Equal(ActivityStatusCode.Error, failed.Status);
        Assert.Equal("500", failed.GetTagItem("error.type"));
        Assert.Equal(1, failed.GetTagItem("podbrief.llm.attempt"));
        Assert.Equal(2, ok.GetTagItem("podbrief.llm.attempt"));
        Assert.Equal(42L, ok.GetTagItem("podbrief.episode_id"));
        await using var db = app.CreateDbContext();
        var usage = Assert.Single(db.LlmUsage.Where(u => u.Succeeded));
        Assert.Equal((long)usage.InputTokens, ok.GetTagItem("gen_ai.usage.input_tokens"));
        Assert.Equal((long)usage.OutputTokens, ok.GetTagItem("gen_ai.usage.output_tokens"));
        // The HTTP client's own span nests under the LLM span, so a trace shows the request inside the call.
        Assert.Contains(_stopped, a => a.Source.Name == "System.Net.Http" && a.ParentSpanId == ok.SpanId);
    }

    public void Dispose() => _listener.Dispose();
}

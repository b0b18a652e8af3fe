using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using PodBrief.Core.Common;

namespace PodBrief.Web.Hosting;

/// <summary>
/// OpenTelemetry: PodBrief's own meter and activity source (<see cref="PodBriefTelemetry"/>) plus ASP.NET Core and
/// outbound HTTP (feeds, transcripts, the LLM) instrumentation. Metrics are always scrapeable at /metrics
/// (Prometheus text; behind the admin login outside Development); traces and metrics go to an OTLP collector when
/// OpenTelemetry:OtlpEndpoint (or the standard OTEL_EXPORTER_OTLP_ENDPOINT) is set.
/// </summary>
internal static class TelemetrySetup
{
    public const string MetricsPath = "/metrics";

    public static void AddTelemetry(this WebApplicationBuilder builder)
    {
        var otlp = builder.Configuration["OpenTelemetry:OtlpEndpoint"] is { Length: > 0 } configured
            ? configured
            : builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        Uri? endpoint = null;
        if (!string.IsNullOrWhiteSpace(otlp) && !Uri.TryCreate(otlp, UriKind.Absolute, out endpoint))
        {
            throw new InvalidOperationException($"OpenTelemetry:OtlpEndpoint must be an absolute URL (got \"{otlp}\").");
        }
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(builder.Configuration["OpenTelemetry:ServiceName"] ?? "podbrief"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(PodBriefTelemetry.Name).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddPrometheusExporter();
                if (endpoint is not null)
                {
                    metrics.AddOtlpExporter(o => o.Endpoint = endpoint);
                }
            });
        if (endpoint is not null)
        {
            // Traces only when something collects them: HTTP requests, each Hangfire job (JobTracingFilter),
            // outbound HTTP (feeds, transcripts, LLM), and mail sends.
            telemetry.WithTracing(tracing => tracing
                .AddSource(PodBriefTelemetry.Name)
                .AddAspNetCoreInstrumentation(o => o.Filter = c => !c.Request.Path.StartsWithSegments(MetricsPath))
                .AddHttpClientInstrumentation()
                .AddOtlpExporter(o => o.Endpoint = endpoint));
        }
    }

    public static void MapTelemetry(this WebApplication app) =>
        app.MapPrometheusScrapingEndpoint(MetricsPath).RequireAuthorization(AdminAccessSetup.PolicyName);
}

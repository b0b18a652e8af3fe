using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using PodBrief.Core.Data;

namespace PodBrief.Web.Hosting;

internal static class HealthSetup
{
    private const string ReadyTag = "ready";

    public static void AddHealth(this WebApplicationBuilder builder) =>
        builder.Services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: [ReadyTag]);

    public static void MapHealth(this WebApplication app)
    {
        // Liveness: the process answers; no dependency is touched.
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        // Readiness: the database answers a query (503 when it does not).
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteJsonAsync });
    }

    /// <summary>{"status":"Healthy","checks":[{"name":"database","status":"Healthy","description":null,"durationMs":1.2}]}:
    /// each check's state, for operators and load balancers alike (the status code still says 200 or 503).</summary>
    private static Task WriteJsonAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            durationMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            checks = report.Entries.Select(e => new
            {
                name = e.Key,
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
                durationMs = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
            }),
        });
    }

    private sealed class DatabaseReadyCheck(PodBriefDbContext db) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(5));
                await db.Database.ExecuteSqlRawAsync("SELECT 1", timeout.Token);
                return HealthCheckResult.Healthy();
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Pooled connections to a restarted server are dead; drop them so the next check reconnects.
                if (db.Database.IsNpgsql())
                {
                    NpgsqlConnection.ClearAllPools();
                }
                return HealthCheckResult.Unhealthy("Database unreachable: " + ex.GetType().Name);
            }
        }
    }
}

using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Options;
using PodBrief.Core.Data;
using PodBrief.Core.Jobs;

namespace PodBrief.Web.Hosting;

/// <summary>Hangfire: PostgreSQL storage with the Postgres provider, in-memory with SQLite.</summary>
internal static class JobsSetup
{
    public static void AddJobs(this WebApplicationBuilder builder, bool runJobServer)
    {
        builder.Services.AddOptions<JobsOptions>()
            .BindConfiguration(JobsOptions.Section)
            .Validate(o => o.WorkerCount is >= 1 and <= 100, "Jobs:WorkerCount must be between 1 and 100.")
            .Validate(o => o.SchedulePollingInterval >= TimeSpan.FromSeconds(1) && o.SchedulePollingInterval <= TimeSpan.FromMinutes(5),
                "Jobs:SchedulePollingInterval must be between 00:00:01 and 00:05:00.")
            .ValidateOnStart();

        builder.Services.AddScoped<RecurringTickRunner>();
        builder.Services.AddHangfire((sp, config) =>
        {
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings()
                .UseFilter(new JobTracingFilter())
                .UseLogProvider(new HostLogProvider(sp.GetRequiredService<ILoggerFactory>()));
            var database = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            if (!UsesInMemoryStorage(database))
            {
                config.UsePostgreSqlStorage(
                    o => o.UseNpgsqlConnection(database.ConnectionString),
                    new PostgreSqlStorageOptions
                    {
                        SchemaName = "hangfire",
                        PrepareSchemaIfNecessary = true,
                        // Long jobs keep their lease instead of being restarted on another worker after 30 min.
                        UseSlidingInvisibilityTimeout = true,
                        InvisibilityTimeout = TimeSpan.FromMinutes(5),
                        // Idle workers wake on NOTIFY instead of polling every 15 s, so the digest batches a tick
                        // enqueues start at once on every instance (measured with bench digests-scale).
                        EnableLongPolling = true,
                    });
            }
            else
            {
                config.UseInMemoryStorage();
            }
        });

        var runServer = runJobServer && builder.Configuration.GetValue(JobsOptions.Section + ":RunServer", true);
        if (runServer)
        {
            builder.Services.AddHangfireServer((sp, server) =>
            {
                var jobs = sp.GetRequiredService<IOptions<JobsOptions>>().Value;
                server.WorkerCount = jobs.WorkerCount;
                server.SchedulePollingInterval = jobs.SchedulePollingInterval;
                server.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
            });
            builder.Services.AddHostedService<RecurringTickScheduler>();
        }
    }

    /// <summary>Hangfire keeps its jobs in PostgreSQL with the Postgres provider, in memory otherwise.</summary>
    private static bool UsesInMemoryStorage(DatabaseOptions database) => database.Provider != DatabaseProvider.Postgres;

    public static void MapJobDashboard(this WebApplication app) =>
        app.MapHangfireDashboard("/hangfire", new DashboardOptions
        {
            // Access is decided by the endpoint's authorization policy, not by Hangfire's local-only default.
            Authorization = [new AllowAllDashboardAuthorization()],
            DashboardTitle = "PodBrief jobs",
        }).RequireAuthorization(AdminAccessSetup.PolicyName);

    private sealed class AllowAllDashboardAuthorization : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => true;
    }

    /// <summary>
    /// Registers every <see cref="IRecurringTick"/> with Hangfire once the host has started, and with an in-memory job
    /// store runs each of them once at start: that store forgets the queued and retried jobs when the process stops,
    /// so work left by a stopped run (an episode whose extraction was interrupted) would otherwise wait for the
    /// tick's next cron time, up to five minutes of "No insights yet" for a newcomer who restarted the app. Every
    /// tick derives its due work from the database, so one more run is the normal path, not a second copy of it.
    /// </summary>
    private sealed class RecurringTickScheduler(
        IServiceScopeFactory scopes, IRecurringJobManager manager, IOptions<JobsOptions> jobs, IOptions<DatabaseOptions> database,
        ILogger<RecurringTickScheduler> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            using var scope = scopes.CreateScope();
            var ticks = scope.ServiceProvider.GetServices<IRecurringTick>().ToList();
            RecurringTickRunner.Schedule(manager, ticks);
            if (jobs.Value.RunTicksAtStart ?? UsesInMemoryStorage(database.Value))
            {
                foreach (var tick in ticks)
                {
                    manager.Trigger(tick.JobId);
                }
                logger.LogInformation("Triggered {Count} recurring tick(s) once at start (Jobs:RunTicksAtStart; on by default with the in-memory job store)", ticks.Count);
            }
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

/// <summary>Section "Jobs".</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>Run the Hangfire server in this process (false for a web-only instance).</summary>
    public bool RunServer { get; set; } = true;

    public int WorkerCount { get; set; } = Math.Max(2, Environment.ProcessorCount * 2);

    /// <summary>
    /// How often the server looks for due recurring and delayed jobs (Hangfire's default, 15 s). A tick cron with
    /// seconds (six fields) fires no more often than this.
    /// </summary>
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Run every recurring tick once when the job server starts. Unset: only with the in-memory job store (the
    /// embedded default), which loses its queue on restart; the PostgreSQL job store keeps its own.
    /// </summary>
    public bool? RunTicksAtStart { get; set; }
}

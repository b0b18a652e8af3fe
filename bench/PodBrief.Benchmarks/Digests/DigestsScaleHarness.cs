using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net.Sockets;
using Hangfire;
using Hangfire.AspNetCore;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using PodBrief.Benchmarks.Mail;
using PodBrief.Core.Data;
using PodBrief.Core.Digests;
using PodBrief.Core.Jobs;
using PodBrief.Core.Subscribers;
using PodBrief.Testing;

namespace PodBrief.Benchmarks.Digests;

/// <summary>
/// `digests-scale [N] [--sqlite] [--recovery] [--cold-profiles] [--pool 4] [--workers 4]`: the daily run for N subscribers (default
/// 100,000) through the production path — the dispatch tick enqueues batch jobs into the app's own Hangfire
/// storage (PostgreSQL, or in-memory with SQLite), a real Hangfire server runs them with the app's DI, and they
/// send through the app's SMTP pool — into a loopback sink that counts every Message-ID. Then a bare MailKit
/// loop (same sink kind, same number of NoDelay connections) sends the same digests' messages for the ceiling,
/// three rounds, the median counting. On PostgreSQL the database is vacuumed and analyzed before each of the two.
/// --recovery refuses mail (421) until half the digests have failed once, then drains the backlog through the
/// retry tick. --cold-profiles seeds no stored profiles (the first run ever: every profile is built and saved; by
/// default they were stored yesterday and one in twenty is stale, see <see cref="DigestsScaleSeed"/>). Prints per-phase times, database round trips and the fixed last line.
/// </summary>
internal static class DigestsScaleHarness
{
    public static async Task RunAsync(string[] args)
    {
        var count = args.Length > 0 && int.TryParse(args[0], CultureInfo.InvariantCulture, out var n) ? n : 100_000;
        var provider = args.Contains("--sqlite") ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres;
        var recovery = args.Contains("--recovery");
        var coldProfiles = args.Contains("--cold-profiles");
        var pool = Option(args, "--pool", 4);
        var workers = Option(args, "--workers", 4);

        await using var sink = new RawSmtpSink();
        sink.Refusing = recovery;
        await using var app = await TestApp.StartAsync(provider, new Dictionary<string, string?>
        {
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = sink.Port.ToString(CultureInfo.InvariantCulture),
            ["Smtp:Security"] = "None",
            ["Smtp:PoolSize"] = pool.ToString(CultureInfo.InvariantCulture),
            ["Digests:Sending:RetryBaseDelaySeconds"] = "1",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Insights:EmbedTopicsAtStartup"] = "false",
        });
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var seedWatch = Stopwatch.StartNew();
        await DigestsScaleSeed.SeedAsync(app, count, now, coldProfiles);
        Console.WriteLine($"seeded {count} subscribers on {provider} in {seedWatch.Elapsed.TotalSeconds:F1} s ({(coldProfiles ? "no stored profiles: all built in the run" : "profiles stored yesterday, 1 in 20 stale")})");
        await SettleAsync(app, provider, "after seeding");

        using var phases = new PhaseListener();
        using var roundTrips = new RoundTripCounter();
        var storage = app.Services.GetRequiredService<JobStorage>();
        var server = new BackgroundJobServer(new BackgroundJobServerOptions
        {
            WorkerCount = workers,
            Activator = new AspNetCoreJobActivator(app.Services.GetRequiredService<IServiceScopeFactory>()),
            SchedulePollingInterval = TimeSpan.FromSeconds(1),
        }, storage);
        GC.Collect();
        var cpu = await CpuMeter.StartAsync(app, provider == DatabaseProvider.Postgres);
        var peak = new PeakSampler();
        roundTrips.Reset();
        var watch = Stopwatch.StartNew();
        await TickAsync<DigestDispatchTick>(app);
        double? backAt = null;
        long backlog = 0;
        var lastRetryTick = TimeSpan.Zero;
        var lastSunk = -1L;
        while (true)
        {
            // Checked twice a second: the end is seen within 0.5 s of a run of a minute or more. While the sink
            // is still receiving, the run is not over: the table is counted only once mail stalls (or in recovery
            // mode, which needs the counts), so the harness's own scans stay out of the run it measures.
            await Task.Delay(500);
            var sunk = sink.Messages;
            var stalled = sunk == lastSunk;
            lastSunk = sunk;
            if (!recovery && !stalled)
            {
                continue;
            }
            var (open, failedOnce) = await ProgressAsync(app, count);
            // Attempts counts from the claim, so "attempted" alone includes batches still in flight (the cause of
            // the old "0 waiting"): wait until half of them have failed and are back to pending.
            if (recovery && sink.Refusing && failedOnce >= count / 2)
            {
                backlog = await PendingAsync(app);
                sink.Refusing = false;
                backAt = watch.Elapsed.TotalSeconds;
            }
            if (recovery && !sink.Refusing && watch.Elapsed - lastRetryTick >= TimeSpan.FromSeconds(1))
            {
                // What Hangfire does every minute, compressed to every second: make the retries due, run the retry tick.
                lastRetryTick = watch.Elapsed;
                app.Clock.Advance(TimeSpan.FromSeconds(10));
                await TickAsync<RetryDueDigestsTick>(app);
            }
            if (open == 0)
            {
                break;
            }
            if (watch.Elapsed > TimeSpan.FromMinutes(20))
            {
                throw new TimeoutException($"{open} digests still open after 20 minutes");
            }
        }
        var seconds = watch.Elapsed.TotalSeconds;
        var trips = roundTrips.Count;
        var peakMiB = peak.Stop() / 1048576;
        var (cpuApp, cpuDb) = cpu.Elapsed();
        server.SendStop();
        server.Dispose();

        var (sent, states) = await VerifyAsync(app, sink, count);
        // Read before the ceiling run: composing its messages goes through the same timed code.
        var phaseTotals = phases.Totals.ToDictionary();
        await SettleAsync(app, provider, "before the ceiling run");
        var bare = await BareMailKitAsync(app, pool, Math.Min(sent.Count, 20_000));
        var rate = count / seconds;
        // "load/tokens" is a part of "load": parts are listed under their phase, indented.
        foreach (var (phase, total) in phaseTotals.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var part = phase.Contains('/', StringComparison.Ordinal);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{(part ? "  part " : "phase ")}{phase,-22} {total,8:F1} s{(part ? "" : $" (summed over {workers} workers' batches)")}"));
        }
        Console.WriteLine($"digests by state: {string.Join(", ", states.Select(s => $"{s.Key} {s.Value}"))}; sink got {sink.Messages} messages, every sent Message-ID exactly once");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"database round trips (EF commands, Hangfire storage not counted): {trips} = {trips / (double)count:F2} per subscriber"));
        // CPU seconds hardly depend on the machine's load, wall seconds do: compare these between runs of a change.
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cpu: this process {cpuApp:F1} s ({cpuApp * 1000 / count:F2} ms per digest){(cpuDb is { } d ? $", PostgreSQL {d:F1} s ({d * 1000 / count:F2} ms per digest)" : "")}; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at the end"));
        if (recovery)
        {
            var drain = seconds - backAt!.Value;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"recovery: sink refused mail for the first {backAt:F1} s; {backlog} digests waiting to retry then; drained with the rest in {drain:F1} s after it came back ({backlog / drain:F0} retried digests/s, {count / drain:F0} digests/s overall)"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"digests-scale: {count} subscribers, {seconds:F1} s end to end, {rate:F0} digests/s, bare MailKit {bare:F0} msg/s, ratio {rate / bare:F2}, peak {peakMiB} MiB"));
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static Task TickAsync<T>(TestApp app) where T : IRecurringTick =>
        app.WithScopeAsync(sp => sp.GetServices<IRecurringTick>().OfType<T>().Single().RunAsync(CancellationToken.None));

    /// <summary>
    /// Subscribers still due plus digests not finished; and digests that failed once and wait to retry. Plain ADO: not
    /// counted as the app's round trips. One pass over the table (it was three counts every 250 ms: at 100,000 those
    /// scans of a 110,000-row table were a measurable share of PostgreSQL's CPU in the run they measure).
    /// </summary>
    private static async Task<(long Open, long Attempted)> ProgressAsync(TestApp app, int count)
    {
        await using var db = app.CreateDbContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT COALESCE(SUM(CASE WHEN "MessageId" NOT LIKE '<yesterday-%' THEN 1 ELSE 0 END), 0),
                   COALESCE(SUM(CASE WHEN "State" IN ('Pending', 'Sending') THEN 1 ELSE 0 END), 0),
                   COALESCE(SUM(CASE WHEN "State" = 'Pending' AND "Attempts" > 0 THEN 1 ELSE 0 END), 0)
            FROM "Digests"
            """;
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var made = Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture);
        var open = Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture);
        var failedOnce = Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture);
        return (open + (count - made), failedOnce);
    }

    /// <summary>
    /// VACUUM ANALYZE on PostgreSQL, as pgbench does before each run: the seed's (or the run's) hundreds of thousands of
    /// fresh rows would otherwise wake autovacuum in the middle of the next measurement, on the same two cores, and
    /// plans would be made from statistics of an empty table. A production database is long past both.
    /// </summary>
    private static async Task SettleAsync(TestApp app, DatabaseProvider provider, string when)
    {
        if (provider != DatabaseProvider.Postgres)
        {
            return;
        }
        var watch = Stopwatch.StartNew();
        await using var db = app.CreateDbContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "VACUUM ANALYZE";
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"vacuum analyze {when}: {watch.Elapsed.TotalSeconds:F1} s"));
    }

    private static async Task<long> PendingAsync(TestApp app)
    {
        await using var db = app.CreateDbContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        return await ScalarAsync(connection, "SELECT COUNT(*) FROM \"Digests\" WHERE \"State\" = 'Pending'");
    }

    private static async Task<long> ScalarAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>Every subscriber has today's digest; every sent one reached the sink exactly once, nothing else did.</summary>
    private static async Task<(List<Digest> Sent, Dictionary<DigestState, int> States)> VerifyAsync(TestApp app, RawSmtpSink sink, int count)
    {
        await using var db = app.CreateDbContext();
        var today = await db.Digests.AsNoTracking().Where(d => !d.MessageId.StartsWith("<yesterday-")).ToListAsync();
        var states = today.GroupBy(d => d.State).ToDictionary(g => g.Key, g => g.Count());
        if (today.Count != count || today.Select(d => d.SubscriberId).Distinct().Count() != count)
        {
            throw new InvalidOperationException($"{today.Count} digests for {count} subscribers");
        }
        var sent = today.Where(d => d.State == DigestState.Sent).ToList();
        var missing = sent.Count(d => !sink.MessageIds.TryGetValue(d.MessageId.Trim('<', '>'), out var times) || times != 1);
        var extra = sink.MessageIds.Count - sent.Count;
        if (missing > 0 || extra != 0 || sink.MessageIds.Values.Any(v => v != 1))
        {
            throw new InvalidOperationException($"exactly-once broken: {missing} sent digests missing or duplicated at the sink, {extra} unexpected");
        }
        return (sent, states);
    }

    /// <summary>The ceiling: the same digests' messages (composed beforehand) through bare MailKit clients on NoDelay sockets.</summary>
    private static async Task<double> BareMailKitAsync(TestApp app, int pool, int take)
    {
        var messages = new List<MimeMessage>(take);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PodBriefDbContext>();
            var factory = scope.ServiceProvider.GetRequiredService<DigestMessageFactory>();
            var digests = await db.Digests.AsNoTracking().Where(d => d.State == DigestState.Sent && !d.MessageId.StartsWith("<yesterday-"))
                .OrderBy(d => d.Id).Take(take).ToListAsync();
            var subscribers = await db.Subscribers.AsNoTracking().ToDictionaryAsync(s => s.Id);
            foreach (var chunk in digests.Chunk(1000))
            {
                var contents = await factory.LoadContentsAsync([.. chunk.Select(d => (d, subscribers[d.SubscriberId]))], CancellationToken.None);
                messages.AddRange(contents.Values.AsParallel().Select(c => factory.Compose(c)));
            }
        }
        // Three rounds over the same messages, the median counts: one round is 5–10 s, short enough for a burst
        // of the machine's noise to move the ceiling (and so the ratio) by a third between runs of one build.
        var rounds = new List<double>();
        for (var round = 0; round < 3; round++)
        {
            rounds.Add(await BareRoundAsync(messages, pool));
        }
        var rate = rounds.Order().ElementAt(1);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"bare MailKit rounds: {string.Join(", ", rounds.Select(r => r.ToString("F0", CultureInfo.InvariantCulture)))} msg/s; median {rate:F0}"));
        return rate;
    }

    private static async Task<double> BareRoundAsync(List<MimeMessage> messages, int pool)
    {
        await using var sink = new RawSmtpSink();
        var next = -1;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, pool).Select(_ => Task.Run(async () =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync("127.0.0.1", sink.Port);
            using var client = new SmtpClient();
            await client.ConnectAsync(socket, "127.0.0.1", sink.Port, SecureSocketOptions.None);
            int i;
            while ((i = Interlocked.Increment(ref next)) < messages.Count)
            {
                await client.SendAsync(messages[i]);
            }
            await client.DisconnectAsync(true);
        })));
        var rate = messages.Count / watch.Elapsed.TotalSeconds;
        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / Math.Max(1, messages.Count);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"bare MailKit: {messages.Count} messages on {pool} NoDelay connections in {watch.Elapsed.TotalSeconds:F1} s (sink counted {sink.Messages}; cpu {cpuMs:F2} ms per message, client and sink)"));
        return rate;
    }

    /// <summary>Sums the digest run's phase histogram (<see cref="DigestRunMetrics"/>).</summary>
    private sealed class PhaseListener : IDisposable
    {
        private readonly MeterListener _listener = new();

        public ConcurrentDictionary<string, double> Totals { get; } = new();

        public PhaseListener()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == DigestRunMetrics.MeterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "phase" && tag.Value is string phase)
                    {
                        Totals.AddOrUpdate(phase, value, (_, t) => t + value);
                    }
                }
            });
            _listener.Start();
        }

        public void Dispose() => _listener.Dispose();
    }

    /// <summary>Counts EF Core's executed commands (its DiagnosticListener), i.e. the app's database round trips.</summary>
    private sealed class RoundTripCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly IDisposable _all;
        private readonly List<IDisposable> _subscriptions = [];
        private long _count;

        public RoundTripCounter() => _all = DiagnosticListener.AllListeners.Subscribe(this);

        public long Count => Interlocked.Read(ref _count);

        public void Reset() => Interlocked.Exchange(ref _count, 0);

        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == "Microsoft.EntityFrameworkCore")
            {
                lock (_subscriptions)
                {
                    _subscriptions.Add(value.Subscribe(this, name => name.EndsWith("CommandExecuted", StringComparison.Ordinal) || name.EndsWith("CommandError", StringComparison.Ordinal)));
                }
            }
        }

        public void OnNext(KeyValuePair<string, object?> value) => Interlocked.Increment(ref _count);

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            _all.Dispose();
            lock (_subscriptions)
            {
                _subscriptions.ForEach(s => s.Dispose());
            }
        }
    }

    /// <summary>Samples this process's working set every 100 ms while the run goes (app, jobs, sink: all in-process).</summary>
    private sealed class PeakSampler
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _sampling;
        private long _peak;

        public PeakSampler() => _sampling = Task.Run(async () =>
        {
            using var process = Process.GetCurrentProcess();
            while (!_stop.IsCancellationRequested)
            {
                process.Refresh();
                _peak = Math.Max(_peak, process.WorkingSet64);
                await Task.Delay(100);
            }
        });

        public long Stop()
        {
            _stop.Cancel();
            _sampling.Wait();
            _stop.Dispose();
            return _peak;
        }
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

using static PodBrief.Testing.Skipping;

namespace PodBrief.Testing;

/// <summary>
/// The PostgreSQL server the tests use: PODBRIEF_TEST_POSTGRES if set, otherwise a throwaway cluster started
/// with the machine's initdb/pg_ctl in a temp directory on a free port (as the postgres user when we are root,
/// since initdb refuses root), removed when the test process exits.
/// </summary>
public sealed class PostgresServer
{
    private static readonly Lazy<Task<PostgresServer?>> Shared = new(StartAsync);
    private static string? _unavailableReason;
    private readonly SemaphoreSlim _createLock = new(1, 1);
    private int _counter;

    private readonly ClusterProcess? _cluster;

    private PostgresServer(string adminConnectionString, ClusterProcess? cluster = null)
    {
        AdminConnectionString = adminConnectionString;
        _cluster = cluster;
    }

    public string AdminConnectionString { get; }

    public static bool Required => Environment.GetEnvironmentVariable("PODBRIEF_REQUIRE_POSTGRES") == "1";

    /// <summary>The shared server, or skips the calling test (fails it when PODBRIEF_REQUIRE_POSTGRES=1).</summary>
    public static async Task<PostgresServer> RequireAsync()
    {
        var server = await Shared.Value;
        if (server is not null)
        {
            return server;
        }
        var reason = "PostgreSQL unavailable: " + _unavailableReason;
        if (Required)
        {
            throw new InvalidOperationException(reason + " (PODBRIEF_REQUIRE_POSTGRES=1)");
        }
        throw SkipNow(reason);
    }

    /// <summary>Creates an empty database with a unique name and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string? template = null)
    {
        var unique = $"podbrief_{Environment.ProcessId}_{Interlocked.Increment(ref _counter)}_{Guid.NewGuid():N}";
        // Short process ids made the name shorter than 48 characters and the slice throw.
        var name = unique[..Math.Min(48, unique.Length)];
        // CREATE DATABASE ... TEMPLATE needs the template to have no other sessions; serialize creations.
        await _createLock.WaitAsync();
        try
        {
            await using var connection = new NpgsqlConnection(AdminConnectionString);
            await connection.OpenAsync();
            var sql = template is null ? $"CREATE DATABASE \"{name}\"" : $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"";
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
        finally
        {
            _createLock.Release();
        }
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    private static async Task<PostgresServer?> StartAsync()
    {
        var configured = Environment.GetEnvironmentVariable("PODBRIEF_TEST_POSTGRES");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new PostgresServer(configured);
        }
        var bin = FindPostgresBin();
        if (bin is null)
        {
            _unavailableReason = "no initdb/pg_ctl on PATH or under /usr/lib/postgresql/*/bin, and PODBRIEF_TEST_POSTGRES is not set";
            return null;
        }
        try
        {
            return await StartThrowawayClusterAsync(bin);
        }
        catch (Exception ex)
        {
            _unavailableReason = $"starting a cluster with {bin} failed: {ex.Message}";
            return null;
        }
    }

    /// <summary>
    /// A cluster of its own (not shared), for tests that stop and restart the server. Skips like
    /// <see cref="RequireAsync"/> when no binaries are available.
    /// </summary>
    public static async Task<PostgresServer> StartDedicatedAsync()
    {
        var bin = FindPostgresBin();
        if (bin is null)
        {
            if (Required)
            {
                throw new InvalidOperationException("No PostgreSQL binaries for a dedicated cluster (PODBRIEF_REQUIRE_POSTGRES=1)");
            }
            throw SkipNow("No PostgreSQL binaries (initdb/pg_ctl) for a dedicated cluster");
        }
        return await StartThrowawayClusterAsync(bin);
    }

    /// <summary>Stops a dedicated cluster (fast shutdown); <see cref="StartAgainAsync"/> brings it back on the same port.</summary>
    public Task StopAsync() => (_cluster ?? throw new InvalidOperationException("Not a dedicated cluster")).StopAsync();

    public Task StartAgainAsync() => (_cluster ?? throw new InvalidOperationException("Not a dedicated cluster")).StartAsync();

    private sealed record ClusterProcess(string Bin, string DataDir, string Options, string LogFile, bool RunAsPostgres)
    {
        public Task StartAsync() => RunAsync(Path.Combine(Bin, "pg_ctl"), $"-D {DataDir} -o \"{Options}\" -l {LogFile} -w -t 60 start", RunAsPostgres);

        public Task StopAsync() => RunAsync(Path.Combine(Bin, "pg_ctl"), $"-D {DataDir} -m fast -w stop", RunAsPostgres);
    }

    private static async Task<PostgresServer> StartThrowawayClusterAsync(string bin)
    {
        var root = Directory.CreateTempSubdirectory("podbrief-pg-").FullName;
        var dataDir = Path.Combine(root, "data");
        var runAsPostgres = Environment.UserName == "root";
        Directory.CreateDirectory(dataDir);
        if (runAsPostgres)
        {
            await RunAsync("chown", $"-R postgres:postgres {root}", asPostgres: false);
        }
        await RunAsync(Path.Combine(bin, "initdb"), $"-D {dataDir} -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync", runAsPostgres);
        var port = FreePort();
        var options = $"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300";
        var cluster = new ClusterProcess(bin, dataDir, options, Path.Combine(root, "server.log"), runAsPostgres);
        await cluster.StartAsync();

        // Tear the cluster down in a detached shell: waiting for the stop and deleting a data directory that
        // holds hundreds of test databases inside ProcessExit would keep the test process alive long enough
        // for the test runner to report "foreground threads were left running" and fail the run.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                var pgCtl = Path.Combine(bin, "pg_ctl");
                var stop = runAsPostgres ? $"runuser -u postgres -- {pgCtl} -D {dataDir} -m immediate -w stop" : $"{pgCtl} -D {dataDir} -m immediate -w stop";
                var detached = new ProcessStartInfo("setsid", ["sh", "-c", $"({stop}; rm -rf {root}) >/dev/null 2>&1 &"])
                {
                    UseShellExecute = false,
                    RedirectStandardOutput = false,
                    RedirectStandardError = false,
                };
                Process.Start(detached)?.Dispose();
            }
            catch (Exception)
            {
                // Best effort: the temp directory is left behind if the cluster cannot be stopped.
            }
        };
        return new PostgresServer($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false;Timeout=30", cluster);
    }

    private static string? FindPostgresBin()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(Path.PathSeparator))
        {
            if (File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")))
            {
                return dir;
            }
        }
        const string debianRoot = "/usr/lib/postgresql";
        if (!Directory.Exists(debianRoot))
        {
            return null;
        }
        return Directory.GetDirectories(debianRoot)
            .Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb")))
            .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
            .FirstOrDefault();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string file, string arguments, bool asPostgres)
    {
        var start = asPostgres
            ? new ProcessStartInfo("runuser", $"-u postgres -- {file} {arguments}")
            : new ProcessStartInfo(file, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.WorkingDirectory = Path.GetTempPath();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + file);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} exited with {process.ExitCode}: {await stderr}{await stdout}");
        }
    }
}

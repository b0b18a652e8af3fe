using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PodBrief.Testing;

namespace PodBrief.Benchmarks.Digests;

/// <summary>
/// CPU seconds spent by this process (app, jobs, sink) and by the PostgreSQL server (postmaster, its live backends
/// and the children it already reaped), between two snapshots. On a shared machine wall times swell with the load
/// average while CPU seconds per digest hardly move, so these are what to compare between runs of a change.
/// </summary>
internal sealed class CpuMeter
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    private readonly int? _postmaster;
    private readonly TimeSpan _process;
    private readonly double _postgres;

    private CpuMeter(int? postmaster)
    {
        _postmaster = postmaster;
        _process = Process.GetCurrentProcess().TotalProcessorTime;
        _postgres = PostgresSeconds(postmaster);
    }

    public static async Task<CpuMeter> StartAsync(TestApp app, bool postgres)
    {
        int? postmaster = null;
        if (postgres && OperatingSystem.IsLinux())
        {
            await using var db = app.CreateDbContext();
            var backend = await db.Database.SqlQueryRaw<int>("SELECT pg_backend_pid() AS \"Value\"").SingleAsync();
            postmaster = Stat(backend) is { } stat ? int.Parse(stat[1], CultureInfo.InvariantCulture) : null;
        }
        return new CpuMeter(postmaster);
    }

    public (double Process, double? Postgres) Elapsed() =>
        ((Process.GetCurrentProcess().TotalProcessorTime - _process).TotalSeconds,
            _postmaster is null ? null : PostgresSeconds(_postmaster) - _postgres);

    /// <summary>utime+stime+cutime+cstime of the postmaster plus utime+stime of its live children.</summary>
    private static double PostgresSeconds(int? postmaster)
    {
        if (postmaster is null || Stat(postmaster.Value) is not { } own)
        {
            return 0;
        }
        double ticks = Ticks(own, 11) + Ticks(own, 12) + Ticks(own, 13) + Ticks(own, 14);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), CultureInfo.InvariantCulture, out var pid) && Stat(pid) is { } stat
                && stat[1] == postmaster.Value.ToString(CultureInfo.InvariantCulture))
            {
                ticks += Ticks(stat, 11) + Ticks(stat, 12);
            }
        }
        return ticks / TicksPerSecond;
    }

    /// <summary>/proc/pid/stat after the command name: [0] state, [1] ppid, … [11] utime, [12] stime, [13] cutime, [14] cstime.</summary>
    private static string[]? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            return text[(text.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static long Ticks(string[] stat, int field) => long.Parse(stat[field], CultureInfo.InvariantCulture);
}

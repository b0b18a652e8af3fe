using Hangfire.AspNetCore;
using Hangfire.Logging;

namespace PodBrief.Web.Hosting;

/// <summary>
/// Hangfire keeps its log provider in a static, so with several hosts in one process (the test suites, the
/// scale harness) the current provider can belong to a host that has already stopped, and every new Hangfire
/// client then throws ObjectDisposedException from the disposed LoggerFactory. This provider logs through the
/// host's factory while it lives and stays silent afterwards, instead of failing the next host's startup.
/// </summary>
internal sealed class HostLogProvider(ILoggerFactory loggerFactory) : ILogProvider
{
    private readonly AspNetCoreLogProvider _inner = new(loggerFactory);

    public ILog GetLogger(string name)
    {
        try
        {
            return _inner.GetLogger(name);
        }
        catch (ObjectDisposedException)
        {
            return SilentLog.Instance;
        }
    }

    private sealed class SilentLog : ILog
    {
        public static readonly SilentLog Instance = new();

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}

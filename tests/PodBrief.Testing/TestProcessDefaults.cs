using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace PodBrief.Testing;

/// <summary>Process-wide settings for every host the tests start (in-process or as a child process).</summary>
internal static class TestProcessDefaults
{
    /// <summary>
    /// Test hosts do not watch their appsettings files. A host's default configuration opens one inotify instance per
    /// JSON file with reload on change, the test run keeps dozens of hosts alive at once across the test projects, and
    /// Linux allows 128 instances per user by default: CI once failed eight tests with "The configured user limit (128)
    /// on the number of inotify instances has been reached". No test changes a settings file while its host runs.
    /// </summary>
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries",
        Justification = "A test library: the setting must be in place before the first host is built, whichever test touches it first.")]
    internal static void Apply() => Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
}

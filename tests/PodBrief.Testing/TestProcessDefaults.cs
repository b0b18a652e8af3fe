using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace PodBrief.Testing;

/// <summary>Process-wide settings for every host the tests start (in-process or as a child process).</summary>
internal static class TestProcessDefaults
{
    /// <summary>
    /// Test hosts open no inotify instances. Linux allows 128 per user by default and the test run keeps dozens of
    /// hosts alive at once across the test projects, each watching its appsettings files (reload on change) and its
    /// wwwroot (the file version behind asp-append-version): CI failed tests with "The configured user limit (128) on
    /// the number of inotify instances has been reached". Settings files are read once (no test changes one while its
    /// host runs) and the file providers poll instead of watching.
    /// </summary>
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries",
        Justification = "A test library: the setting must be in place before the first host is built, whichever test touches it first.")]
    internal static void Apply()
    {
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "1");
    }
}

namespace PodBrief.BrowserTests.Harness;

/// <summary>Where screenshots go: PODBRIEF_ARTIFACTS if set, else TestResults/screenshots under the test output.</summary>
public static class Artifacts
{
    public static string ScreenshotDirectory { get; } = Create();

    private static string Create()
    {
        var configured = Environment.GetEnvironmentVariable("PODBRIEF_ARTIFACTS");
        var root = string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(AppContext.BaseDirectory, "TestResults")
            : Path.GetFullPath(configured);
        var directory = Path.Combine(root, "screenshots");
        Directory.CreateDirectory(directory);
        return directory;
    }

    /// <summary>A file name safe on every OS, e.g. "journey-03-preferences-phone.png".</summary>
    public static string ScreenshotPath(string name) =>
        Path.Combine(ScreenshotDirectory, string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-')) + ".png");
}

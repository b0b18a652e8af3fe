using Microsoft.Extensions.Logging;

namespace PodBrief.Core.Common;

/// <summary>Files that ship next to the app (starter catalog, sample show), named by a setting.</summary>
public static class ShippedFiles
{
    /// <summary>
    /// The full path of <paramref name="configuredPath"/> (relative paths resolve against the app's base directory,
    /// not the working directory, so `dotnet run` and the container agree), or null after a warning naming the
    /// setting when the file is missing: a missing optional file must not stop the app.
    /// </summary>
    public static string? Find(string configuredPath, string settingName, ILogger logger)
    {
        var path = Path.IsPathRooted(configuredPath) ? configuredPath : Path.Combine(AppContext.BaseDirectory, configuredPath);
        if (File.Exists(path))
        {
            return path;
        }
        logger.LogWarning("{Setting} points to {Path}, which does not exist; skipped.", settingName, path);
        return null;
    }
}

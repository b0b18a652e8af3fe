using static PodBrief.Testing.Skipping;

namespace PodBrief.Testing;

/// <summary>Finds the repository root and the shared corpus the tests read real-world files from.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>PODBRIEF_CORPUS, else ../shared/corpus beside the repository; null when neither exists.</summary>
    public static string? Corpus
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable("PODBRIEF_CORPUS");
            var path = string.IsNullOrWhiteSpace(configured)
                ? Path.GetFullPath(Path.Combine(Root, "..", "shared", "corpus"))
                : Path.GetFullPath(configured);
            return Directory.Exists(path) ? path : null;
        }
    }

    /// <summary>The corpus folder, or skips the calling test with the reason.</summary>
    public static string RequireCorpus() =>
        Corpus ?? throw SkipNow(
            "Corpus not found: set PODBRIEF_CORPUS or place it at ../shared/corpus beside the repository.");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PodBrief.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("PodBrief.sln not found above " + AppContext.BaseDirectory);
    }
}

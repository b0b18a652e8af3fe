namespace PodBrief.Core.Data;

/// <summary>
/// Fills a fresh database with defaults (topics, starter catalog) after migrations ran.
/// Must be idempotent: it runs on every start.
/// </summary>
public interface IDatabaseSeeder
{
    /// <summary>Lower runs first.</summary>
    int Order => 0;

    Task SeedAsync(PodBriefDbContext db, CancellationToken cancellationToken);
}

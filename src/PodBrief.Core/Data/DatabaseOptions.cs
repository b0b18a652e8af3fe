namespace PodBrief.Core.Data;

/// <summary>Section "Database".</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Sqlite (default, a file under the data directory) or Postgres.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Required for Postgres; for Sqlite defaults to a file under App:DataDirectory.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply migrations when the app starts. Default: true for Sqlite, false for Postgres.</summary>
    public bool? MigrateOnStartup { get; set; }

    public bool ShouldMigrateOnStartup => MigrateOnStartup ?? Provider == DatabaseProvider.Sqlite;
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

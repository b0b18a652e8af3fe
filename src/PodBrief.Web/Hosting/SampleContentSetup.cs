using PodBrief.Core.Data;
using PodBrief.Core.Transcripts.Samples;

namespace PodBrief.Web.Hosting;

/// <summary>
/// Feeds:LoadSampleContent unset means: on for the embedded default (SQLite) outside Production, so a first
/// `dotnet run` shows real cards with no network; off in Production and with PostgreSQL (compose sets it false too).
/// </summary>
internal static class SampleContentSetup
{
    public static void AddSampleContentDefault(this WebApplicationBuilder builder)
    {
        var embedded = builder.Configuration.GetValue(DatabaseOptions.Section + ":Provider", DatabaseProvider.Sqlite) == DatabaseProvider.Sqlite;
        var byDefault = embedded && !builder.Environment.IsProduction();
        builder.Services.PostConfigure<SampleContentOptions>(o => o.LoadSampleContent ??= byDefault);
    }
}

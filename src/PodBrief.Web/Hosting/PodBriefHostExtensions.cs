using PodBrief.Core.Digests;
using PodBrief.Core.Feeds;
using PodBrief.Core.Insights;
using PodBrief.Core.Mail;
using PodBrief.Core.Ranking;
using PodBrief.Core.Subscribers;
using PodBrief.Core.Transcripts;

namespace PodBrief.Web.Hosting;

/// <summary>The composition root: one line per area, each in its own file.</summary>
public static class PodBriefHostExtensions
{
    public static WebApplicationBuilder AddPodBrief(this WebApplicationBuilder builder, bool runJobServer)
    {
        builder.WebHost.UseDefaultPodBriefUrl();
        var config = builder.Configuration;
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddAppOptions();
        builder.AddDatabase();
        builder.AddJobs(runJobServer);
        builder.AddAdminAccess();
        builder.AddHealth();
        builder.AddWebPages();
        builder.AddSampleContentDefault();

        builder.Services
            .AddPodBriefFeeds(config)
            .AddPodBriefTranscripts(config)
            .AddPodBriefInsights(config)
            .AddPodBriefRanking(config)
            .AddPodBriefDigests(config)
            .AddPodBriefMail(config)
            .AddPodBriefSubscribers(config);
        return builder;
    }

    public static WebApplication UsePodBrief(this WebApplication app)
    {
        app.UseWebPages();
        app.MapHealth();
        app.MapJobDashboard();
        return app;
    }

    /// <summary>http://localhost:5080 unless ASPNETCORE_URLS, ASPNETCORE_HTTP_PORTS or --urls say otherwise
    /// (Kestrel:Endpoints in configuration override it too).</summary>
    private static void UseDefaultPodBriefUrl(this IWebHostBuilder webHost)
    {
        var configured = webHost.GetSetting(WebHostDefaults.ServerUrlsKey)
            ?? webHost.GetSetting(WebHostDefaults.HttpPortsKey)
            ?? webHost.GetSetting(WebHostDefaults.HttpsPortsKey);
        if (string.IsNullOrEmpty(configured))
        {
            webHost.UseUrls("http://localhost:5080");
        }
    }
}

using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PodBrief.Core.Common;
using PodBrief.Core.Common.Http;
using PodBrief.Core.Feeds;

namespace PodBrief.IntegrationTests.Feeds;

/// <summary>The Feeds services alone (no web host) for fetcher tests: the same registrations the app uses.</summary>
internal sealed class FetcherHost : IDisposable
{
    private readonly ServiceProvider _services;

    public FetcherHost(IDictionary<string, string?>? settings = null, Func<string, IPAddress, bool>? allowForTest = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Feeds:AllowPrivateAddresses"] = "true",
            ["App:PublicBaseUrl"] = "https://podbrief.example",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>())
        {
            all[k] = v;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(all).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<AppOptions>().BindConfiguration(AppOptions.Section);
        services.AddPodBriefFeeds(configuration);
        if (allowForTest is not null)
        {
            // Replaces the primary handler with one whose guard also admits what the test allows (e.g. the first hop).
            services.AddHttpClient(SafeHttpFetcher.ClientName).ConfigurePrimaryHttpMessageHandler(sp =>
                SafeHttpHandlerFactory.Create(sp.GetRequiredService<IOptions<SafeHttpOptions>>().Value, allowForTest));
        }
        _services = services.BuildServiceProvider();
        Fetcher = _services.GetRequiredService<ISafeHttpFetcher>();
    }

    public ISafeHttpFetcher Fetcher { get; }

    public Task<FetchResult> FetchAsync(Uri url) => Fetcher.FetchAsync(new FetchRequest(url), TestContext.Current.CancellationToken);

    public void Dispose() => _services.Dispose();
}

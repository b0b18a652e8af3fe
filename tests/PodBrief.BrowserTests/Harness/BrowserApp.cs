using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using PodBrief.Core.Data;
using PodBrief.Testing;

namespace PodBrief.BrowserTests.Harness;

/// <summary>
/// The whole app on real Kestrel (127.0.0.1, a free port) so a real browser can reach it. Same conventions as
/// <see cref="TestApp"/> (fresh migrated SQLite database in a temp data directory, no Hangfire server, no starter
/// catalog), but the real clock: a browser session lives in real time (cookies, token expiry).
/// </summary>
public sealed class BrowserApp : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    private BrowserApp(TestDatabase database, Uri baseUri, Dictionary<string, string?> settings)
    {
        Database = database;
        BaseUri = baseUri;
        _settings = settings;
    }

    /// <summary>HTTP Basic credentials of the admin pages (Admin:Username default, Admin:Password set here).</summary>
    public static Microsoft.Playwright.HttpCredentials AdminCredentials { get; } = new() { Username = "admin", Password = "test-admin-password" };

    public TestDatabase Database { get; }

    /// <summary>Where the browser goes, e.g. http://127.0.0.1:41234/. Also the app's App:PublicBaseUrl, so emailed links work as they are.</summary>
    public Uri BaseUri { get; }

    /// <summary>The file outbox the embedded mail transport writes .eml files to.</summary>
    public string OutboxDirectory => Path.Combine(Database.Directory, "outbox");

    public static async Task<BrowserApp> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var port = FreeLoopbackPort();
        var baseUri = new Uri($"http://127.0.0.1:{port}/");
        var all = new Dictionary<string, string?>
        {
            ["urls"] = baseUri.ToString().TrimEnd('/'),
            ["Database:Provider"] = nameof(DatabaseProvider.Sqlite),
            ["Database:ConnectionString"] = database.ConnectionString,
            ["Database:MigrateOnStartup"] = "false",
            ["App:DataDirectory"] = database.Directory,
            ["App:PublicBaseUrl"] = baseUri.ToString().TrimEnd('/'),
            ["Jobs:RunServer"] = "false",
            ["Feeds:LoadStarterCatalog"] = "false",
            ["Feeds:LoadSampleContent"] = "false",
            // The journey seeds its own topics and picks them by label.
            ["Insights:SeedDefaultTopics"] = "false",
            ["Admin:Password"] = AdminCredentials.Password,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        var app = new BrowserApp(database, baseUri, all);
        app.UseKestrel(port);
        app.StartServer();
        return app;
    }

    public PodBriefDbContext CreateDbContext() => Database.CreateContext();

    public Uri Url(string relative) => new(BaseUri, relative.TrimStart('/'));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Database.DisposeAsync();
    }

    /// <summary>
    /// Asks the OS for a free port, then releases it for Kestrel. The port has to be known before the host starts
    /// because App:PublicBaseUrl (the links in emails) must name it.
    /// </summary>
    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

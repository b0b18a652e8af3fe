using Hangfire;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using PodBrief.Core.Data;
using PodBrief.Core.Subscribers;

namespace PodBrief.Testing;

/// <summary>
/// The whole app in-process (WebApplicationFactory) on a fresh <see cref="TestDatabase"/>. No Hangfire server:
/// tests run jobs directly so they are deterministic. Settings can be added per test.
/// </summary>
public sealed class TestApp : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _configureServices;

    private readonly bool _ownsDatabase;

    private TestApp(TestDatabase database, bool ownsDatabase, Dictionary<string, string?> settings, Action<IServiceCollection>? configureServices)
    {
        Database = database;
        _ownsDatabase = ownsDatabase;
        _settings = settings;
        _configureServices = configureServices;
    }

    public TestDatabase Database { get; }

    /// <summary>The app's clock; starts at a fixed instant so tests are reproducible.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero));

    /// <summary>True when the app listens on real Kestrel (loopback, a free port) rather than the in-memory test server.</summary>
    public bool OverHttp { get; private set; }

    /// <param name="overHttp">Serve over real HTTP on 127.0.0.1 (Kestrel): real sockets, remote addresses, body size
    /// limits and Host headers, which the in-memory test server does not model. <see cref="WebApplicationFactory{T}.CreateClient()"/>
    /// then returns a client that talks to that port.</param>
    public static async Task<TestApp> StartAsync(
        DatabaseProvider provider,
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configureServices = null,
        bool overHttp = false) =>
        await StartCoreAsync(await TestDatabase.CreateAsync(provider), ownsDatabase: true, settings, configureServices, overHttp);

    /// <summary>A second instance of the app on another app's database (scale-out: two job servers on one PostgreSQL).
    /// The database stays with the app that created it.</summary>
    public static Task<TestApp> StartOnAsync(TestDatabase database, IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configureServices = null) =>
        StartCoreAsync(database, ownsDatabase: false, settings, configureServices, overHttp: false);

    private static async Task<TestApp> StartCoreAsync(TestDatabase database, bool ownsDatabase, IDictionary<string, string?>? settings,
        Action<IServiceCollection>? configureServices, bool overHttp)
    {
        var provider = database.Provider;
        var all = new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["Database:ConnectionString"] = database.ConnectionString,
            ["Database:MigrateOnStartup"] = "false",
            ["App:DataDirectory"] = database.Directory,
            ["App:PublicBaseUrl"] = "http://localhost:5080",
            ["Jobs:RunServer"] = "false",
            ["Admin:Password"] = "test-admin-password",
            // Tests start with an empty catalog; the Feeds tests opt into the starter catalog where they test it.
            ["Feeds:LoadStarterCatalog"] = "false",
            ["Feeds:LoadSampleContent"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        var app = new TestApp(database, ownsDatabase, all, configureServices) { OverHttp = overHttp };
        try
        {
            // Start the host now, so startup errors surface here.
            if (overHttp)
            {
                app.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
                app.StartServer();
            }
            else
            {
                _ = app.Server;
            }
        }
        catch
        {
            // A host that failed to start must still be torn down, or its threads outlive the test run.
            try
            {
                await app.DisposeAsync();
            }
            catch (Exception)
            {
                // The original startup error is the one worth reporting.
            }
            throw;
        }
        return app;
    }

    /// <summary>Where Kestrel listens when <see cref="OverHttp"/> (e.g. http://127.0.0.1:41234/); null otherwise.</summary>
    public Uri? BaseUri => OverHttp
        ? new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/")
        : null;

    public PodBriefDbContext CreateDbContext() => Database.CreateContext();

    /// <summary>Runs <paramref name="action"/> with a scoped service provider of the app.</summary>
    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    public async Task WithScopeAsync(Func<IServiceProvider, Task> action)
    {
        await using var scope = Services.CreateAsyncScope();
        await action(scope.ServiceProvider);
    }

    /// <summary>Runs the app's registered recurring tick of type <typeparamref name="T"/> once, in its own scope.</summary>
    public Task RunTickAsync<T>(CancellationToken cancellationToken) where T : PodBrief.Core.Jobs.IRecurringTick =>
        WithScopeAsync(sp => sp.GetServices<PodBrief.Core.Jobs.IRecurringTick>().OfType<T>().Single().RunAsync(cancellationToken));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureTestServices(services =>
        {
            // No Hangfire server or tick scheduler in tests unless a test asks for one with Jobs:RunServer=true (the
            // tests of the job server itself); the others run jobs directly.
            var keepJobServer = _settings.GetValueOrDefault("Jobs:RunServer") == "true";
            foreach (var hosted in services.Where(d => !keepJobServer && d.ServiceType == typeof(IHostedService)
                         && (d.ImplementationType?.FullName?.Contains("Hangfire", StringComparison.Ordinal) == true
                             || d.ImplementationType?.Name == "RecurringTickScheduler"
                             || d.ImplementationFactory?.Method.ReturnType.FullName?.Contains("Hangfire", StringComparison.Ordinal) == true))
                         .ToList())
            {
                services.Remove(hosted);
            }
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            AddTestJobs(services);
            _configureServices?.Invoke(services);
        });
    }

    /// <summary>The jobs the app created (see <see cref="TestJobs"/>); account mails run inline by default.</summary>
    public TestJobs Jobs => Services.GetRequiredService<TestJobs>();

    /// <summary>Puts <see cref="TestJobs"/> in front of Hangfire's client (shared with BrowserApp).</summary>
    public static void AddTestJobs(IServiceCollection services)
    {
        var original = services.Last(d => d.ServiceType == typeof(IBackgroundJobClient));
        services.Remove(original);
        services.AddSingleton(sp =>
        {
            var inner = original.ImplementationFactory is { } factory ? (IBackgroundJobClient)factory(sp)
                : original.ImplementationInstance as IBackgroundJobClient ?? (IBackgroundJobClient)ActivatorUtilities.CreateInstance(sp, original.ImplementationType!);
            return new TestJobs(inner, sp.GetRequiredService<IServiceScopeFactory>()) { Inline = { typeof(SendAccountMailJob) } };
        });
        services.AddSingleton<IBackgroundJobClient>(sp => sp.GetRequiredService<TestJobs>());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsDatabase)
        {
            await Database.DisposeAsync();
        }
    }
}

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using PodBrief.Core.Data;

namespace PodBrief.Testing;

/// <summary>
/// The whole app in-process (WebApplicationFactory) on a fresh <see cref="TestDatabase"/>. No Hangfire server:
/// tests run jobs directly so they are deterministic. Settings can be added per test.
/// </summary>
public sealed class TestApp : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _configureServices;

    private TestApp(TestDatabase database, Dictionary<string, string?> settings, Action<IServiceCollection>? configureServices)
    {
        Database = database;
        _settings = settings;
        _configureServices = configureServices;
    }

    public TestDatabase Database { get; }

    /// <summary>The app's clock; starts at a fixed instant so tests are reproducible.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero));

    public static async Task<TestApp> StartAsync(
        DatabaseProvider provider,
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configureServices = null)
    {
        var database = await TestDatabase.CreateAsync(provider);
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
        var app = new TestApp(database, all, configureServices);
        try
        {
            _ = app.Server; // start the host now, so startup errors surface here
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

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureTestServices(services =>
        {
            // Belt and braces: no Hangfire server or tick scheduler in tests, whatever the configuration says;
            // tests run jobs directly.
            foreach (var hosted in services.Where(d => d.ServiceType == typeof(IHostedService)
                         && (d.ImplementationType?.FullName?.Contains("Hangfire", StringComparison.Ordinal) == true
                             || d.ImplementationType?.Name == "RecurringTickScheduler"
                             || d.ImplementationFactory?.Method.ReturnType.FullName?.Contains("Hangfire", StringComparison.Ordinal) == true))
                         .ToList())
            {
                services.Remove(hosted);
            }
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            _configureServices?.Invoke(services);
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Database.DisposeAsync();
    }
}

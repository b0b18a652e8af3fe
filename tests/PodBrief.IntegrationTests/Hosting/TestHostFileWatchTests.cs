using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using PodBrief.Core.Data;
using PodBrief.Testing;

namespace PodBrief.IntegrationTests.Hosting;

/// <summary>The test hosts must not each hold inotify instances for their settings files (see TestProcessDefaults).</summary>
public class TestHostFileWatchTests
{
    [Fact]
    public async Task A_test_host_reads_its_appsettings_files_without_watching_them_and_polls_its_web_root()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var root = (IConfigurationRoot)app.Services.GetRequiredService<IConfiguration>();
        var jsonSources = root.Providers.OfType<JsonConfigurationProvider>().Select(p => p.Source).ToList();

        Assert.Contains(jsonSources, s => s.Path == "appsettings.json");
        Assert.All(jsonSources, s => Assert.False(s.ReloadOnChange, $"{s.Path} is watched for changes"));
        var webRoot = Assert.IsType<PhysicalFileProvider>(app.Services.GetRequiredService<IWebHostEnvironment>().WebRootFileProvider);
        Assert.True(webRoot.UsePollingFileWatcher, "wwwroot is watched with inotify");
    }
}

using System.Net;
using PodBrief.Core.Common.Http;
using PodBrief.Testing;

namespace PodBrief.IntegrationTests.Feeds;

public class SsrfGuardTests
{
    private static readonly Dictionary<string, string?> Production = new() { ["Feeds:AllowPrivateAddresses"] = "false" };

    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.16.0.1", false)]
    [InlineData("172.31.255.255", false)]
    [InlineData("192.168.1.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("100.127.255.255", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("224.0.0.1", false)]
    [InlineData("255.255.255.255", false)]
    [InlineData("::1", false)]
    [InlineData("::", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fc00::1", false)]
    [InlineData("fd12:3456::1", false)]
    [InlineData("ff02::1", false)]
    [InlineData("::ffff:127.0.0.1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("64:ff9b::a9fe:a9fe", false)]
    [InlineData("8.8.8.8", true)]
    [InlineData("172.32.0.1", true)]
    [InlineData("100.128.0.1", true)]
    [InlineData("2606:4700::1111", true)]
    [InlineData("::ffff:8.8.8.8", true)]
    public void Addresses_are_classified(string address, bool isPublic) =>
        Assert.Equal(isPublic, AddressGuard.IsPublic(IPAddress.Parse(address)));

    [Fact]
    public async Task Loopback_is_refused_at_connect_time_by_default()
    {
        await using var server = await LoopbackHttpServer.StartAsync(c => Task.CompletedTask);
        using var host = new FetcherHost(Production);

        var byAddress = await host.FetchAsync(server.Url("/feed"));
        var byName = await host.FetchAsync(new Uri($"http://localhost:{server.BaseUri.Port}/feed"));

        Assert.Equal(FetchError.BlockedAddress, byAddress.Error);
        Assert.Contains("127.0.0.1", byAddress.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(FetchError.BlockedAddress, byName.Error);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task A_redirect_to_127_0_0_1_is_refused_at_connect_time()
    {
        await using var server = await LoopbackHttpServer.StartAsync(c =>
        {
            c.Response.StatusCode = 302;
            c.Response.Headers.Location = $"http://127.0.0.1:{c.Request.Host.Port}/admin-secrets";
            return Task.CompletedTask;
        });
        // The first hop ("localhost") stands in for a public feed host; the redirect target is checked like any other.
        using var host = new FetcherHost(Production, allowForTest: (hostName, _) => hostName == "localhost");

        var result = await host.FetchAsync(new Uri($"http://localhost:{server.BaseUri.Port}/feed"));

        Assert.Equal(FetchError.BlockedAddress, result.Error);
        Assert.Equal(new Uri($"http://127.0.0.1:{server.BaseUri.Port}/admin-secrets"), result.FinalUrl);
        var only = Assert.Single(server.Requests);
        Assert.Equal("/feed", only.PathAndQuery);
    }
}

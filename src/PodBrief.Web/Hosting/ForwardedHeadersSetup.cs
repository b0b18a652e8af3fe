using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace PodBrief.Web.Hosting;

/// <summary>Section "ForwardedHeaders": the reverse proxies whose X-Forwarded-For / -Proto we believe.</summary>
public sealed class ForwardedHeadersSettings
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Proxy addresses, e.g. 10.0.0.2 (entries may also be comma-separated, handy in one environment variable).</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR form, e.g. 172.18.0.0/16 (a compose network).</summary>
    public List<string> KnownNetworks { get; set; } = [];
}

/// <summary>
/// Behind a reverse proxy every visitor arrives from the proxy's address, so the per-IP limits would put them all in
/// one bucket (issue 11). X-Forwarded-For is honoured only when the connection comes from a configured proxy — none
/// by default, not even loopback (ASP.NET Core's default), so a client cannot pick its own bucket by sending the
/// header. Bad entries stop startup with a message naming the key.
/// </summary>
internal static class ForwardedHeadersSetup
{
    public static void AddForwardedHeadersFromConfiguration(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(ForwardedHeadersSettings.Section).Get<ForwardedHeadersSettings>() ?? new();
        var proxies = Split(settings.KnownProxies).Select(p => IPAddress.TryParse(p, out var ip) ? ip
            : throw new InvalidOperationException($"ForwardedHeaders:KnownProxies: '{p}' is not an IP address.")).ToList();
        var networks = Split(settings.KnownNetworks).Select(n => System.Net.IPNetwork.TryParse(n, out var net) ? net
            : throw new InvalidOperationException($"ForwardedHeaders:KnownNetworks: '{n}' is not a network in CIDR form (e.g. 10.0.0.0/8).")).ToList();
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            // With both lists empty the middleware would trust every sender, so no proxy configured means no headers read.
            options.ForwardedHeaders = proxies.Count + networks.Count == 0
                ? ForwardedHeaders.None
                : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Both lists start with loopback; both must be emptied (KnownNetworks is the pre-.NET 10 name of the list).
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
#pragma warning disable ASPDEPR005
            options.KnownNetworks.Clear();
#pragma warning restore ASPDEPR005
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(proxy);
            }
            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(network);
            }
        });
    }

    private static IEnumerable<string> Split(IEnumerable<string> entries) =>
        entries.SelectMany(e => e.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}

using System.Net;
using System.Net.Sockets;

namespace PodBrief.Core.Common.Http;

/// <summary>Builds the primary handler of the fetcher's named HttpClient. <c>alsoAllow</c> is a test seam only.</summary>
internal static class SafeHttpHandlerFactory
{
    public static SocketsHttpHandler Create(SafeHttpOptions options, Func<string, IPAddress, bool>? alsoAllow = null) => new()
    {
        // Redirects are followed by hand so every hop is re-checked and permanent ones can update the stored URL.
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate | DecompressionMethods.Brotli,
        UseCookies = false,
        UseProxy = false,
        ConnectTimeout = TimeSpan.FromSeconds(Math.Min(10, Math.Max(1, options.TimeoutSeconds))),
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        MaxConnectionsPerServer = Math.Max(2, options.PerHostConcurrency),
        ConnectCallback = (context, ct) => ConnectAsync(context, options.AllowPrivateAddresses, alsoAllow, ct),
    };

    /// <summary>
    /// The SSRF guard runs here, at connect time, on the addresses DNS actually returned: checking the URL's host
    /// name earlier would be defeated by DNS rebinding (a name that resolves differently on the second lookup).
    /// </summary>
    private static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, bool allowPrivate, Func<string, IPAddress, bool>? alsoAllow, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, ct);
        var allowed = allowPrivate ? addresses : addresses.Where(a => AddressGuard.IsPublic(a) || alsoAllow?.Invoke(host, a) == true).ToArray();
        if (allowed.Length == 0)
        {
            throw new BlockedAddressException(addresses.Length == 0
                ? $"{host} did not resolve to any address."
                : $"{host} resolves to a private, loopback or reserved address ({addresses[0]}); refused.");
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

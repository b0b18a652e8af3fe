using System.Net;
using System.Net.Sockets;

namespace PodBrief.Core.Common.Http;

/// <summary>
/// Decides whether an address is on the public internet. Everything else (loopback, RFC 1918, link-local,
/// CGNAT RFC 6598, unique-local RFC 4193, multicast, reserved, documentation, IPv4-mapped forms of those) is refused
/// so a feed URL cannot reach the operator's own network (SSRF).
/// </summary>
public static class AddressGuard
{
    public static bool IsPublic(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (address.IsIPv4MappedToIPv6)
            {
                return IsPublicV4(address.MapToIPv4());
            }
            return IsPublicV6(address);
        }
        return address.AddressFamily == AddressFamily.InterNetwork && IsPublicV4(address);
    }

    private static bool IsPublicV4(IPAddress address)
    {
        Span<byte> b = stackalloc byte[4];
        address.TryWriteBytes(b, out _);
        return b[0] switch
        {
            0 or 10 or 127 => false,                       // "this network", RFC 1918, loopback
            100 when (b[1] & 0xC0) == 64 => false,         // CGNAT 100.64.0.0/10
            169 when b[1] == 254 => false,                 // link-local (cloud metadata lives here)
            172 when (b[1] & 0xF0) == 16 => false,         // RFC 1918 172.16.0.0/12
            192 when b[1] == 168 => false,                 // RFC 1918
            192 when b[1] == 0 && b[2] is 0 or 2 => false, // IETF protocol assignments, TEST-NET-1
            198 when b[1] is 18 or 19 => false,            // benchmarking
            198 when b[1] == 51 && b[2] == 100 => false,   // TEST-NET-2
            203 when b[1] == 0 && b[2] == 113 => false,    // TEST-NET-3
            >= 224 => false,                               // multicast, reserved, broadcast
            _ => true,
        };
    }

    private static bool IsPublicV6(IPAddress address)
    {
        if (address.Equals(IPAddress.IPv6Loopback) || address.Equals(IPAddress.IPv6None) || address.IsIPv6LinkLocal
            || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal)
        {
            return false;
        }
        Span<byte> b = stackalloc byte[16];
        address.TryWriteBytes(b, out _);
        // ::a.b.c.d (IPv4-compatible, deprecated) and NAT64 64:ff9b::/96 embed an IPv4 address: judge that one.
        var embedsV4 = b[..12].IndexOfAnyExcept((byte)0) < 0
            || (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b[4..12].IndexOfAnyExcept((byte)0) < 0);
        if (embedsV4)
        {
            return IsPublicV4(new IPAddress(b[12..]));
        }
        // 2001:db8::/32 documentation; fc00::/7 is covered by IsIPv6UniqueLocal above.
        return !(b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8);
    }
}

/// <summary>Thrown by the connect callback when every address of a host is refused.</summary>
public sealed class BlockedAddressException(string message) : IOException(message);

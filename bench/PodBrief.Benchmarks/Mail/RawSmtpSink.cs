using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PodBrief.Benchmarks.Mail;

/// <summary>
/// A minimal SMTP sink for throughput measurements: answers every command at once, counts messages, keeps
/// nothing. Nagle is off on accepted sockets so the sink never waits on itself; it is far faster than the
/// client it measures (the SmtpServer package topped out near 20 messages/s per connection here).
/// </summary>
internal sealed class RawSmtpSink : IAsyncDisposable
{
    private static readonly byte[] Greeting = "220 raw-sink ESMTP\r\n"u8.ToArray();
    private static readonly byte[] Ehlo = "250-raw-sink\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SIZE 52428800\r\n"u8.ToArray();
    private static readonly byte[] Ok = "250 OK\r\n"u8.ToArray();
    private static readonly byte[] StartData = "354 go ahead\r\n"u8.ToArray();
    private static readonly byte[] Bye = "221 bye\r\n"u8.ToArray();

    private static readonly byte[] Unavailable = "421 4.3.2 raw-sink is down for the test\r\n"u8.ToArray();

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private long _messages;
    private long _connections;

    public RawSmtpSink()
    {
        _listener.Start(backlog: 512);
        _accepting = AcceptLoopAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
    public long Messages => Interlocked.Read(ref _messages);
    public long Connections => Interlocked.Read(ref _connections);

    /// <summary>While true every new connection gets a 421 greeting and is closed (an SMTP outage).</summary>
    public bool Refusing { get; set; }

    /// <summary>Message-ID header → how many times a message with it arrived (exactly-once check).</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, int> MessageIds { get; } = new(StringComparer.Ordinal);

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            socket.NoDelay = true;
            Interlocked.Increment(ref _connections);
            _ = Task.Run(() => ServeAsync(socket));
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        using var _ = socket;
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        using var reader = new StreamReader(stream, Encoding.Latin1, false, 64 * 1024);
        try
        {
            if (Refusing)
            {
                await stream.WriteAsync(Unavailable, _stop.Token);
                return;
            }
            await stream.WriteAsync(Greeting, _stop.Token);
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                var verb = line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                    case "HELO":
                        await stream.WriteAsync(Ehlo, _stop.Token);
                        break;
                    case "DATA":
                        await stream.WriteAsync(StartData, _stop.Token);
                        var inHeaders = true;
                        while (await reader.ReadLineAsync(_stop.Token) is { } dataLine && dataLine != ".")
                        {
                            if (inHeaders && dataLine.Length == 0)
                            {
                                inHeaders = false;
                            }
                            else if (inHeaders && dataLine.StartsWith("Message-ID:", StringComparison.OrdinalIgnoreCase))
                            {
                                MessageIds.AddOrUpdate(dataLine[11..].Trim().Trim('<', '>'), 1, (_, n) => n + 1);
                            }
                        }
                        Interlocked.Increment(ref _messages);
                        await stream.WriteAsync(Ok, _stop.Token);
                        break;
                    case "QUIT":
                        await stream.WriteAsync(Bye, _stop.Token);
                        return;
                    default:
                        await stream.WriteAsync(Ok, _stop.Token);
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // Client went away or the sink is stopping.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }
}

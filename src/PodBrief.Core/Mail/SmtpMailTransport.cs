using System.Collections.Concurrent;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace PodBrief.Core.Mail;

/// <summary>
/// Sends over SMTP with MailKit through a small pool of reused connections, each on a socket we connect
/// ourselves with Nagle off: on loopback a default socket managed about 20 messages/s per connection, NoDelay
/// about 1,100/s (see the design guide). Outcomes are mapped so the caller can decide about retries:
/// failure before the message data went out is transient (or permanent on a 5xx), failure after it is unknown.
/// </summary>
public sealed class SmtpMailTransport : IMailTransport, IAsyncDisposable
{
    private readonly SmtpOptions _options;
    private readonly ILogger<SmtpMailTransport> _logger;
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentBag<SmtpClient> _idle = [];
    private readonly SendRateLimiter _rate;

    public SmtpMailTransport(SmtpOptions options, ILogger<SmtpMailTransport> logger)
    {
        _options = options;
        _logger = logger;
        _slots = new SemaphoreSlim(options.PoolSize, options.PoolSize);
        _rate = new SendRateLimiter(options.MaxMessagesPerSecond);
    }

    /// <summary>False makes every message use a fresh connection (for benchmarks comparing with the pool).</summary>
    internal bool ReuseConnections { get; init; } = true;

    /// <summary>Connections opened so far (tests and benchmarks check the pool reuses them).</summary>
    public int ConnectionsOpened => _connectionsOpened;
    private int _connectionsOpened;

    public async Task<MailSendResult> SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        try
        {
            await _rate.WaitAsync(cancellationToken);
            // A pooled connection may have been closed by the server while idle; that shows up before any
            // message data is written, so one more try on a fresh connection is safe.
            var result = await SendOnceAsync(message, allowPooled: true, cancellationToken);
            if (result.StaleConnection)
            {
                result = await SendOnceAsync(message, allowPooled: false, cancellationToken);
            }
            return result.Result;
        }
        finally
        {
            _slots.Release();
        }
    }

    private async Task<(MailSendResult Result, bool StaleConnection)> SendOnceAsync(MimeMessage message, bool allowPooled, CancellationToken cancellationToken)
    {
        SmtpClient? client = null;
        var pooled = false;
        var progress = new DataProgress();
        try
        {
            if (allowPooled && ReuseConnections && _idle.TryTake(out var idle))
            {
                if (idle.IsConnected)
                {
                    client = idle;
                    pooled = true;
                }
                else
                {
                    idle.Dispose();
                }
            }
            client ??= await ConnectAsync(cancellationToken);
            await client.SendAsync(message, cancellationToken, progress);
            Return(client);
            return (MailSendResult.Ok, false);
        }
        catch (SmtpCommandException ex)
        {
            // The server answered; the connection is usually still usable after RSET, but a fresh one is simpler.
            Discard(client);
            var code = (int)ex.StatusCode;
            var error = $"SMTP {code} ({ex.ErrorCode}): {ex.Message}";
            if (code is >= 400 and < 500)
            {
                return (new MailSendResult(MailSendOutcome.TransientFailure, error), false);
            }
            if (ex.ErrorCode == SmtpErrorCode.SenderNotAccepted)
            {
                // Our sender address was refused: a configuration problem, not the recipient's fault.
                return (new MailSendResult(MailSendOutcome.TransientFailure, error), false);
            }
            return (new MailSendResult(MailSendOutcome.PermanentFailure, error), false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested || progress.Started)
        {
            Discard(client);
            var error = $"{ex.GetType().Name}: {ex.Message}";
            if (progress.Started)
            {
                // The message data (some or all of it) went out and no reply came back: it may have been delivered.
                _logger.LogWarning(ex, "SMTP connection lost after the message data was sent; outcome unknown");
                return (new MailSendResult(MailSendOutcome.Unknown, error), false);
            }
            if (pooled && ex is IOException or SmtpProtocolException or ServiceNotConnectedException or SocketException)
            {
                return (new MailSendResult(MailSendOutcome.TransientFailure, error), true);
            }
            return (new MailSendResult(MailSendOutcome.TransientFailure, error), false);
        }
    }

    private async Task<SmtpClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        var client = new SmtpClient { Timeout = _options.TimeoutSeconds * 1000 };
        try
        {
            using (var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                connectTimeout.CancelAfter(TimeSpan.FromSeconds(_options.TimeoutSeconds));
                await socket.ConnectAsync(_options.Host!, _options.Port, connectTimeout.Token);
            }
            await client.ConnectAsync(socket, _options.Host!, _options.Port, ToMailKit(_options.Security), cancellationToken);
            if (!string.IsNullOrEmpty(_options.Username))
            {
                await client.AuthenticateAsync(_options.Username, _options.Password ?? "", cancellationToken);
            }
            Interlocked.Increment(ref _connectionsOpened);
            return client;
        }
        catch
        {
            client.Dispose();
            socket.Dispose();
            throw;
        }
    }

    private void Return(SmtpClient client)
    {
        if (ReuseConnections && client.IsConnected)
        {
            _idle.Add(client);
        }
        else
        {
            Discard(client);
        }
    }

    private static void Discard(SmtpClient? client)
    {
        if (client is null)
        {
            return;
        }
        try
        {
            if (client.IsConnected)
            {
                client.Disconnect(quit: false);
            }
        }
        catch (Exception)
        {
            // Closing a broken connection may throw; it is being thrown away anyway.
        }
        client.Dispose();
    }

    private static SecureSocketOptions ToMailKit(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };

    public async ValueTask DisposeAsync()
    {
        while (_idle.TryTake(out var client))
        {
            try
            {
                await client.DisconnectAsync(quit: true);
            }
            catch (Exception)
            {
                // Shutting down; a server that already hung up is fine.
            }
            client.Dispose();
        }
        _slots.Dispose();
    }

    /// <summary>Tells whether any of the message data was written: after that a failure means "maybe delivered".</summary>
    private sealed class DataProgress : ITransferProgress
    {
        public bool Started { get; private set; }

        public void Report(long bytesTransferred, long totalSize) => Report(bytesTransferred);

        public void Report(long bytesTransferred)
        {
            if (bytesTransferred > 0)
            {
                Started = true;
            }
        }
    }
}

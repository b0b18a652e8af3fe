using System.Buffers;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace PodBrief.Testing;

/// <summary>
/// A real SMTP server on 127.0.0.1 (the SmtpServer package) for tests: every accepted message is parsed with
/// MimeKit. Switches inject faults into the next N transactions: a 4xx or 5xx on RCPT, a 4xx after DATA, or a
/// connection dropped after the data arrived without any reply (the "maybe delivered" case).
/// About 20 messages/s per connection: fine for correctness, not a benchmark target (see the design guide).
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly List<MimeMessage> _messages = [];
    private readonly List<string> _envelopeRecipients = [];
    private readonly SmtpServer.SmtpServer _server;
    private readonly Task _running;
    private readonly CancellationTokenSource _stop = new();
    private int _transientRcpt;
    private int _permanentRcpt;
    private int _transientData;
    private int _dropAfterData;
    private readonly HashSet<string> _deliveringSessions = [];

    private SmtpSink(int port)
    {
        Port = port;
        var options = new SmtpServerOptionsBuilder()
            .ServerName("sink.localhost")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, port)))
            .Build();
        var services = new ServiceProvider();
        services.Add(new Store(this));
        services.Add(new Filter(this));
        _server = new SmtpServer.SmtpServer(options, services);
        _running = _server.StartAsync(_stop.Token);
    }

    public int Port { get; }

    /// <summary>Distinct SMTP sessions (connections) that delivered at least one message.</summary>
    public int Sessions
    {
        get
        {
            lock (_gate)
            {
                return _deliveringSessions.Count;
            }
        }
    }

    /// <summary>Every message whose data reached the sink (including ones whose connection was then dropped).</summary>
    public IReadOnlyList<MimeMessage> Messages
    {
        get
        {
            lock (_gate)
            {
                return [.. _messages];
            }
        }
    }

    public IReadOnlyList<string> EnvelopeRecipients
    {
        get
        {
            lock (_gate)
            {
                return [.. _envelopeRecipients];
            }
        }
    }

    /// <summary>The next <paramref name="count"/> RCPT commands get "451 try again later".</summary>
    public void RejectRecipientsTransiently(int count = 1) => Interlocked.Exchange(ref _transientRcpt, count);

    /// <summary>The next <paramref name="count"/> RCPT commands get "550 mailbox unavailable".</summary>
    public void RejectRecipientsPermanently(int count = 1) => Interlocked.Exchange(ref _permanentRcpt, count);

    /// <summary>The next <paramref name="count"/> messages get "451" after their data (not stored).</summary>
    public void RejectDataTransiently(int count = 1) => Interlocked.Exchange(ref _transientData, count);

    /// <summary>The next <paramref name="count"/> messages are stored, then the connection is closed with no reply.</summary>
    public void DropAfterData(int count = 1) => Interlocked.Exchange(ref _dropAfterData, count);

    /// <summary>Starts a sink on a free loopback port, or on <paramref name="port"/> (to bring a "down" server back).</summary>
    public static async Task<SmtpSink> StartAsync(int? port = null)
    {
        var sink = new SmtpSink(port ?? FreePort());
        await sink.WaitUntilListeningAsync();
        return sink;
    }

    /// <summary>A loopback port nothing listens on (for "the SMTP server is down").</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitUntilListeningAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            if (_running.IsFaulted)
            {
                await _running;
            }
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _server.Shutdown();
        await _stop.CancelAsync();
        try
        {
            await _running.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException)
        {
            // Shutting down; open sessions are cut off.
        }
        _stop.Dispose();
    }

    private static bool TakeOne(ref int counter)
    {
        while (true)
        {
            var current = Volatile.Read(ref counter);
            if (current <= 0)
            {
                return false;
            }
            if (Interlocked.CompareExchange(ref counter, current - 1, current) == current)
            {
                return true;
            }
        }
    }

    private sealed class Filter(SmtpSink sink) : IMailboxFilter
    {
        public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken) =>
            Task.FromResult(true);

        public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken)
        {
            if (TakeOne(ref sink._transientRcpt))
            {
                throw new SmtpResponseException(new SmtpResponse((SmtpReplyCode)451, "4.3.0 try again later"));
            }
            return Task.FromResult(!TakeOne(ref sink._permanentRcpt));
        }
    }

    private sealed class Store(SmtpSink sink) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
            ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (TakeOne(ref sink._transientData))
            {
                return new SmtpResponse((SmtpReplyCode)451, "4.3.0 temporary failure after data");
            }
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            lock (sink._gate)
            {
                sink._messages.Add(message);
                sink._deliveringSessions.Add(context.SessionId.ToString());
                sink._envelopeRecipients.AddRange(transaction.To.Select(m => m.AsAddress()));
            }
            if (TakeOne(ref sink._dropAfterData))
            {
                // The data arrived; the reply never does. Closing the pipe closes the client's socket.
                context.Pipe.Input.Complete();
                context.Pipe.Output.Complete();
                (context.Pipe as IDisposable)?.Dispose();
                throw new IOException("SmtpSink dropped the connection after DATA on purpose.");
            }
            return SmtpResponse.Ok;
        }
    }
}

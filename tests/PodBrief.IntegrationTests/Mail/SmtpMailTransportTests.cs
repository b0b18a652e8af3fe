using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;
using PodBrief.Core.Mail;
using PodBrief.Testing;

namespace PodBrief.IntegrationTests.Mail;

/// <summary>The SMTP transport's outcome mapping and pooling against a real loopback SMTP server.</summary>
public class SmtpMailTransportTests
{
    [Fact]
    public async Task Sends_and_reuses_the_connection()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var transport = Transport(sink.Port);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(MailSendOutcome.Sent, (await transport.SendAsync(Message(i), Ct)).Outcome);
        }

        Assert.Equal(3, sink.Messages.Count);
        Assert.Equal(1, transport.ConnectionsOpened);
        Assert.Equal(1, sink.Sessions);
        Assert.Equal(["m0@podbrief.test", "m1@podbrief.test", "m2@podbrief.test"], sink.Messages.Select(m => m.MessageId).ToArray());
    }

    [Fact]
    public async Task A_4xx_on_the_recipient_is_transient()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var transport = Transport(sink.Port);
        sink.RejectRecipientsTransiently(1);

        var result = await transport.SendAsync(Message(1), Ct);

        Assert.Equal(MailSendOutcome.TransientFailure, result.Outcome);
        Assert.Contains("451", result.Error, StringComparison.Ordinal);
        Assert.Equal(MailSendOutcome.Sent, (await transport.SendAsync(Message(2), Ct)).Outcome);
    }

    [Fact]
    public async Task A_5xx_on_the_recipient_is_permanent()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var transport = Transport(sink.Port);
        sink.RejectRecipientsPermanently(1);

        var result = await transport.SendAsync(Message(1), Ct);

        Assert.Equal(MailSendOutcome.PermanentFailure, result.Outcome);
        Assert.Contains("550", result.Error, StringComparison.Ordinal);
        Assert.Empty(sink.Messages);
    }

    [Fact]
    public async Task No_server_is_transient()
    {
        await using var transport = Transport(SmtpSink.FreePort());

        var result = await transport.SendAsync(Message(1), Ct);

        Assert.Equal(MailSendOutcome.TransientFailure, result.Outcome);
        Assert.Contains("SocketException", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connection_dropped_after_the_data_is_unknown()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var transport = Transport(sink.Port);
        sink.DropAfterData(1);

        var result = await transport.SendAsync(Message(1), Ct);

        Assert.Equal(MailSendOutcome.Unknown, result.Outcome);
        Assert.Single(sink.Messages);
    }

    [Fact]
    public async Task A_pooled_connection_the_server_closed_is_replaced_without_losing_the_message()
    {
        var sink = await SmtpSink.StartAsync();
        var port = sink.Port;
        await using var transport = Transport(port);
        Assert.Equal(MailSendOutcome.Sent, (await transport.SendAsync(Message(1), Ct)).Outcome);

        await sink.DisposeAsync(); // the server restarts; the pooled connection is now dead
        await using var restarted = await SmtpSink.StartAsync(port);
        var result = await transport.SendAsync(Message(2), Ct);

        Assert.Equal(MailSendOutcome.Sent, result.Outcome);
        Assert.Equal("m2@podbrief.test", Assert.Single(restarted.Messages).MessageId);
        Assert.Equal(2, transport.ConnectionsOpened);
    }

    [Fact]
    public async Task The_rate_limit_spaces_messages()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var transport = Transport(sink.Port, maxPerSecond: 20);
        var watch = System.Diagnostics.Stopwatch.StartNew();

        for (var i = 0; i < 5; i++)
        {
            await transport.SendAsync(Message(i), Ct);
        }

        // Five messages at 20/s need at least four 50 ms gaps.
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(190), $"took {watch.Elapsed}");
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static SmtpMailTransport Transport(int port, double maxPerSecond = 0) => new(
        new SmtpOptions { Host = "127.0.0.1", Port = port, Security = SmtpSecurity.None, PoolSize = 2, TimeoutSeconds = 10, MaxMessagesPerSecond = maxPerSecond },
        NullLogger<SmtpMailTransport>.Instance);

    private static MimeMessage Message(int n)
    {
        var message = new MimeMessage { Subject = $"Test {n}", MessageId = $"m{n}@podbrief.test" };
        message.From.Add(new MailboxAddress("PodBrief", "brief@podbrief.test"));
        message.To.Add(new MailboxAddress("", $"reader{n}@example.com"));
        message.Body = new TextPart("plain") { Text = "Hello " + n };
        return message;
    }
}

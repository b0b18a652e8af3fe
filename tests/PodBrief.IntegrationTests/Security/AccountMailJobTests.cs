using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MimeKit;
using PodBrief.Core.Data;
using PodBrief.Core.Mail;
using PodBrief.Core.Subscribers;
using PodBrief.Testing;
using static PodBrief.IntegrationTests.Web.WebTestKit;

namespace PodBrief.IntegrationTests.Security;

/// <summary>Issue 11, "also": the confirmation mail is a job, so SMTP being down neither slows nor loses a signup.</summary>
public class AccountMailJobTests
{
    /// <summary>An SMTP server that is down until told otherwise: connection refused, as MailKit reports it.</summary>
    private sealed class FlakyTransport : IMailTransport
    {
        public bool Down { get; set; } = true;
        public List<MimeMessage> Sent { get; } = [];

        public Task<MailSendResult> SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            if (Down)
            {
                throw new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused);
            }
            Sent.Add(message);
            return Task.FromResult(MailSendResult.Ok);
        }
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Signup_answers_while_smtp_is_down_and_the_confirmation_follows_when_it_is_back(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        var smtp = new FlakyTransport();
        await using var app = await TestApp.StartAsync(provider, null, services =>
        {
            services.RemoveAll<IMailTransport>();
            services.AddSingleton<IMailTransport>(smtp);
        }, overHttp: true);
        app.Jobs.Inline.Clear(); // queue account mails like production does
        using var client = Client(app);

        var signup = await SignupAsync(client, "patient@example.com");
        var html = await BodyAsync(signup);
        AssertStatus(HttpStatusCode.OK, signup, html);
        Assert.Contains("Check your inbox", html, StringComparison.Ordinal);
        Assert.Equal(1, app.Jobs.PendingCount<SendAccountMailJob>());

        await Assert.ThrowsAsync<System.Net.Sockets.SocketException>(() => app.Jobs.RunPendingAsync<SendAccountMailJob>());
        Assert.Equal(1, app.Jobs.PendingCount<SendAccountMailJob>()); // kept for Hangfire's retry

        smtp.Down = false;
        Assert.Equal(1, await app.Jobs.RunPendingAsync<SendAccountMailJob>());
        var confirm = LinkPath(Assert.Single(smtp.Sent), "/confirm/");
        var page = await client.GetAsync(confirm, ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("patient@example.com", Assert.Single(smtp.Sent).To.ToString(), StringComparison.Ordinal);
    }
}

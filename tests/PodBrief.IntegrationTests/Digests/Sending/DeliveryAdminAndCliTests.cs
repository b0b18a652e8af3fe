using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using PodBrief.Core.Common;
using PodBrief.Core.Data;
using PodBrief.IntegrationTests.Hosting;
using PodBrief.Testing;
using PodBrief.Web.Hosting;

namespace PodBrief.IntegrationTests.Digests.Sending;

public class DeliveryAdminAndCliTests
{
    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task The_outbox_page_lists_eml_files_and_digests_in_unknown_or_failed(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var f = await DeliveryFixture.StartAsync(provider, extraSettings: new Dictionary<string, string?> { ["Smtp:Host"] = "" });
        var sent = await f.SeedDigestAsync("outbox@example.com", "Written to the outbox <folder>");
        await f.SendAsync(sent.DigestId);
        var lost = await f.SeedDigestAsync("lost@example.com");
        await using (var db = f.App.CreateDbContext())
        {
            await db.Digests.Where(d => d.Id == lost.DigestId).ExecuteUpdateAsync(s => s
                .SetProperty(d => d.State, DigestState.Unknown)
                .SetProperty(d => d.LastError, "Connection lost after the message was sent <boom>"), ct);
        }
        using var client = f.App.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Admin/Outbox");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:test-admin-password")));

        var response = await client.SendAsync(request, ct);
        var html = await response.Content.ReadAsStringAsync(ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("lost@example.com", html, StringComparison.Ordinal);
        Assert.Contains("Connection lost after the message was sent &lt;boom&gt;", html, StringComparison.Ordinal);
        Assert.Contains("Written to the outbox &lt;folder&gt;", html, StringComparison.Ordinal);
        Assert.Contains("outbox@example.com", html, StringComparison.Ordinal);
        Assert.DoesNotContain("reader@example.com", html, StringComparison.Ordinal);
        var fileName = Path.GetFileName(Assert.Single(Directory.GetFiles(Path.Combine(f.App.Database.Directory, "outbox"), "*.eml")));
        Assert.Contains(fileName, html, StringComparison.Ordinal);

        using var fileRequest = new HttpRequestMessage(HttpMethod.Get, "/Admin/Outbox?handler=File&name=" + Uri.EscapeDataString(fileName));
        fileRequest.Headers.Authorization = request.Headers.Authorization;
        var file = await client.SendAsync(fileRequest, ct);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click", await file.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);

        using var traversal = new HttpRequestMessage(HttpMethod.Get, "/Admin/Outbox?handler=File&name=" + Uri.EscapeDataString("../podbrief.db"));
        traversal.Headers.Authorization = request.Headers.Authorization;
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(traversal, ct)).StatusCode);
    }

    [Fact]
    public async Task Digests_preview_writes_the_next_digest_to_a_file_without_sending()
    {
        var ct = TestContext.Current.CancellationToken;
        var (dataDir, options) = await OperatorCliTests.MigratedDataDirectoryAsync();
        SeededDigest seeded;
        await using (var db = new PodBriefDbContext(options))
        {
            seeded = await DeliveryFixture.SeedAsync(db, DateTime.UtcNow, "Preview@Example.com", ["Preview headline", "Second"]);
        }
        var output = Path.Combine(dataDir, "out", "preview.eml");

        var (exit, text) = await OperatorCliTests.RunCliAsync(["digests", "preview", "preview@example.com", "--output", output], dataDir);

        Assert.True(exit == 0, text);
        var message = await MimeMessage.LoadAsync(output, ct);
        Assert.Equal("Preview headline + 1 more", message.Subject);
        Assert.Equal(seeded.MessageId.Trim('<', '>'), message.MessageId);
        Assert.Contains("Preview headline", await File.ReadAllTextAsync(Path.ChangeExtension(output, ".html"), ct), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dataDir, "outbox")), "preview must not send");
        await using (var db = new PodBriefDbContext(options))
        {
            Assert.Equal(DigestState.Pending, (await db.Digests.SingleAsync(d => d.Id == seeded.DigestId, ct)).State);
        }

        var (unknownExit, _) = await OperatorCliTests.RunCliAsync(["digests", "preview", "nobody@example.com"], dataDir);
        Assert.Equal(1, unknownExit);
    }
}

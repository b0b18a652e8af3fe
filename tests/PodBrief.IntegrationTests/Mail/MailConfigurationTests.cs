using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;
using PodBrief.Core.Data;
using PodBrief.Core.Mail;
using PodBrief.IntegrationTests.Digests.Sending;
using PodBrief.Testing;

namespace PodBrief.IntegrationTests.Mail;

public class MailConfigurationTests
{
    [Theory]
    [InlineData("Smtp:Port", "0", "Smtp:Port")]
    [InlineData("Smtp:PoolSize", "0", "Smtp:PoolSize")]
    [InlineData("Smtp:FromAddress", "not an address", "Smtp:FromAddress")]
    [InlineData("Smtp:DkimDomain", "podbrief.test", "Smtp:DkimSelector")]
    [InlineData("Smtp:MaxMessagesPerSecond", "-1", "Smtp:MaxMessagesPerSecond")]
    [InlineData("Digests:Sending:MaxAttempts", "0", "Digests:Sending:MaxAttempts")]
    public async Task Bad_mail_settings_stop_startup_naming_the_key(string key, string value, string named)
    {
        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => TestApp.StartAsync(DatabaseProvider.Sqlite,
            new Dictionary<string, string?> { [key] = value }));
        Assert.Contains(error.Failures, f => f.Contains(named, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_Smtp_Host_the_file_outbox_is_the_transport()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var transport = Assert.IsType<InstrumentedMailTransport>(app.Services.GetRequiredService<IMailTransport>());
        Assert.IsType<FileOutboxTransport>(transport.Inner);
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task Without_Smtp_the_digest_lands_in_the_outbox_as_eml(DatabaseProvider provider)
    {
        await using var f = await DeliveryFixture.StartAsync(provider, extraSettings: new Dictionary<string, string?> { ["Smtp:Host"] = "" });
        var seeded = await f.SeedDigestAsync();

        await f.SendAsync(seeded.DigestId);

        var file = Assert.Single(Directory.GetFiles(Path.Combine(f.App.Database.Directory, "outbox"), "*.eml"));
        var message = await MimeMessage.LoadAsync(file, TestContext.Current.CancellationToken);
        Assert.Equal(seeded.MessageId.Trim('<', '>'), message.MessageId);
        Assert.NotNull(message.HtmlBody);
        Assert.Equal(DigestState.Sent, (await f.DigestAsync(seeded.DigestId)).State);
        Assert.Empty(f.Sink!.Messages);
    }

    [Theory, MemberData(nameof(ProviderData.All), MemberType = typeof(ProviderData))]
    public async Task With_a_key_the_digest_is_dkim_signed_over_both_list_unsubscribe_headers(DatabaseProvider provider)
    {
        using var rsa = RSA.Create(2048);
        var keyFile = Path.Combine(Directory.CreateTempSubdirectory("podbrief-dkim-").FullName, "dkim.pem");
        await File.WriteAllTextAsync(keyFile, rsa.ExportRSAPrivateKeyPem(), TestContext.Current.CancellationToken);
        await using var f = await DeliveryFixture.StartAsync(provider, extraSettings: new Dictionary<string, string?>
        {
            ["Smtp:DkimDomain"] = "podbrief.test",
            ["Smtp:DkimSelector"] = "mail",
            ["Smtp:DkimPrivateKeyPath"] = keyFile,
        });
        var seeded = await f.SeedDigestAsync();

        await f.SendAsync(seeded.DigestId);

        var message = Assert.Single(f.Sink!.Messages);
        var index = message.Headers.IndexOf(HeaderId.DkimSignature);
        Assert.True(index >= 0, "no DKIM-Signature header");
        var signature = message.Headers[index];
        Assert.Contains("d=podbrief.test", signature.Value, StringComparison.Ordinal);
        var signedHeaders = signature.Value.Replace(" ", "", StringComparison.Ordinal).Replace("\t", "", StringComparison.Ordinal)
            .Replace("\r\n", "", StringComparison.Ordinal).ToLowerInvariant();
        Assert.Contains("list-unsubscribe:", signedHeaders + ":", StringComparison.Ordinal);
        Assert.Contains("list-unsubscribe-post", signedHeaders, StringComparison.Ordinal);
        var verifier = new DkimVerifier(new FixedKeyLocator(rsa.ExportSubjectPublicKeyInfo()));
        Assert.True(await verifier.VerifyAsync(message, signature, TestContext.Current.CancellationToken));
    }

    private sealed class FixedKeyLocator(byte[] subjectPublicKeyInfo) : DkimPublicKeyLocatorBase
    {
        public override AsymmetricKeyParameter LocatePublicKey(string methods, string domain, string selector, CancellationToken cancellationToken = default) =>
            GetPublicKey("v=DKIM1; k=rsa; p=" + Convert.ToBase64String(subjectPublicKeyInfo));

        public override Task<AsymmetricKeyParameter> LocatePublicKeyAsync(string methods, string domain, string selector, CancellationToken cancellationToken = default) =>
            Task.FromResult(LocatePublicKey(methods, domain, selector, cancellationToken));
    }
}

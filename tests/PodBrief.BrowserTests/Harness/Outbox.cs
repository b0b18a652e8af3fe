using System.Text.RegularExpressions;
using MimeKit;

namespace PodBrief.BrowserTests.Harness;

/// <summary>Reads the mail the app wrote to its file outbox (the embedded IMailTransport), as a mail client would.</summary>
public static partial class Outbox
{
    /// <summary>Waits for the first message to <paramref name="to"/> whose subject contains <paramref name="subjectContains"/>.</summary>
    public static async Task<MimeMessage> WaitForMessageAsync(string directory, string to, string subjectContains, CancellationToken cancellationToken)
    {
        // Signup sends before it answers today, but the page does not promise that: poll briefly instead of assuming.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            if (Directory.Exists(directory))
            {
                foreach (var file in Directory.GetFiles(directory, "*.eml").Order(StringComparer.Ordinal))
                {
                    var message = await MimeMessage.LoadAsync(file, cancellationToken);
                    if (message.To.Mailboxes.Any(m => string.Equals(m.Address, to, StringComparison.OrdinalIgnoreCase))
                        && (message.Subject ?? "").Contains(subjectContains, StringComparison.OrdinalIgnoreCase))
                    {
                        return message;
                    }
                }
            }
            if (DateTime.UtcNow > deadline)
            {
                var files = Directory.Exists(directory) ? string.Join(", ", Directory.GetFiles(directory).Select(Path.GetFileName)) : "(no outbox)";
                Assert.Fail($"No email to {to} with \"{subjectContains}\" in the subject arrived in {directory}: {files}");
            }
            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>The one link under <paramref name="baseUri"/> with <paramref name="pathPrefix"/>, found in both the text and the HTML part.</summary>
    public static Uri SingleLink(MimeMessage message, Uri baseUri, string pathPrefix)
    {
        var prefix = new Uri(baseUri, pathPrefix.TrimStart('/')).ToString();
        var text = message.TextBody ?? "";
        var html = message.HtmlBody ?? "";
        var inText = Links().Matches(text).Select(m => m.Value).Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).Distinct().ToList();
        var inHtml = Links().Matches(html).Select(m => System.Net.WebUtility.HtmlDecode(m.Value)).Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).Distinct().ToList();
        Assert.True(inText.Count == 1, $"Expected one {prefix}… link in the text part, found {inText.Count}:\n{text}");
        Assert.Equal(inText, inHtml);
        return new Uri(inText[0]);
    }

    [GeneratedRegex("""https?://[^\s"'<>]+""")]
    private static partial Regex Links();
}

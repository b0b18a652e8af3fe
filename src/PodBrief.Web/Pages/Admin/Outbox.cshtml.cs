using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using PodBrief.Core.Data;
using PodBrief.Core.Mail;

namespace PodBrief.Web.Pages.Admin;

/// <summary>The file outbox (data/outbox/*.eml) and the digests whose delivery is unknown or failed.</summary>
public class OutboxModel(FileOutboxTransport outbox, SmtpOptions smtp, PodBriefDbContext db) : PageModel
{
    public const int MaxFiles = 200;
    public const int MaxProblems = 200;

    public bool UsesSmtp => smtp.UsesSmtp;
    public string? SmtpHost => smtp.Host;
    public string OutboxDirectory => outbox.OutboxDirectory;
    public IReadOnlyList<OutboxFile> Files { get; private set; } = [];
    public IReadOnlyList<DigestProblem> Problems { get; private set; } = [];
    public IReadOnlyList<(DigestState State, int Count)> StateCounts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var counts = await db.Digests.GroupBy(d => d.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        StateCounts = [.. counts.OrderBy(c => c.Key).Select(c => (c.Key, c.Count))];
        Problems = await db.Digests.AsNoTracking()
            .Where(d => d.State == DigestState.Unknown || d.State == DigestState.Failed)
            .OrderByDescending(d => d.Id)
            .Take(MaxProblems)
            .Join(db.Subscribers, d => d.SubscriberId, s => s.Id, (d, s) => new DigestProblem(
                d.Id, s.Email, d.LocalDate, d.State, d.Attempts, d.ClaimedAt, d.LastError))
            .ToListAsync(cancellationToken);
        Files = await ReadFilesAsync(cancellationToken);
    }

    /// <summary>The raw .eml, as text, for a file listed on this page.</summary>
    public IActionResult OnGetFile(string? name)
    {
        if (string.IsNullOrEmpty(name) || Path.GetFileName(name) != name || !name.EndsWith(".eml", StringComparison.OrdinalIgnoreCase))
        {
            return NotFound();
        }
        var path = Path.Combine(outbox.OutboxDirectory, name);
        return System.IO.File.Exists(path) ? PhysicalFile(path, "text/plain; charset=utf-8") : NotFound();
    }

    private async Task<IReadOnlyList<OutboxFile>> ReadFilesAsync(CancellationToken cancellationToken)
    {
        var directory = new DirectoryInfo(outbox.OutboxDirectory);
        if (!directory.Exists)
        {
            return [];
        }
        var files = new List<OutboxFile>();
        foreach (var file in directory.EnumerateFiles("*.eml").OrderByDescending(f => f.LastWriteTimeUtc).Take(MaxFiles))
        {
            string? to = null, subject = null;
            try
            {
                await using var stream = file.OpenRead();
                var headers = await HeaderList.LoadAsync(stream, cancellationToken);
                to = headers[HeaderId.To];
                subject = headers[HeaderId.Subject] is { } raw ? MimeKit.Utils.Rfc2047.DecodeText(System.Text.Encoding.UTF8.GetBytes(raw)) : null;
            }
            catch (FormatException)
            {
                subject = "(unreadable headers)";
            }
            files.Add(new OutboxFile(file.Name, file.LastWriteTimeUtc, file.Length, to, subject));
        }
        return files;
    }

    public sealed record OutboxFile(string Name, DateTime WrittenAt, long SizeBytes, string? To, string? Subject);

    public sealed record DigestProblem(long Id, string Email, DateOnly LocalDate, DigestState State, int Attempts, DateTime? ClaimedAt, string? LastError);
}

using Microsoft.AspNetCore.Mvc.RazorPages;
using PodBrief.Core.Data;
using PodBrief.Core.Subscribers;

namespace PodBrief.Web.Pages.Digests;

/// <summary>
/// Feedback links from a digest. GET shows a button (site.js presses it, so one tap in the email is enough with
/// JavaScript on, and a link prefetcher changes nothing); POST records; "undo" POSTs again.
/// </summary>
public class FeedbackModel(SubscriptionService subscriptions, FeedbackRecorder recorder) : PageModel
{
    public string Token { get; private set; } = "";
    public FeedbackKind Kind { get; private set; }
    public FeedbackTarget? Target { get; private set; }
    public long? RecordedId { get; private set; }
    public bool Undone { get; private set; }

    public async Task OnGetAsync(string token, long itemId, string kind, CancellationToken cancellationToken) =>
        await LoadAsync(token, itemId, kind, cancellationToken);

    public async Task OnPostAsync(string token, long itemId, string kind, CancellationToken cancellationToken)
    {
        var subscriberId = await LoadAsync(token, itemId, kind, cancellationToken);
        if (subscriberId is { } id && Target is not null)
        {
            RecordedId = await recorder.RecordAsync(id, Target, Kind, cancellationToken);
        }
    }

    public async Task OnPostUndoAsync(string token, long itemId, string kind, long feedbackId, CancellationToken cancellationToken)
    {
        var subscriberId = await LoadAsync(token, itemId, kind, cancellationToken);
        if (subscriberId is { } id && Target is not null)
        {
            Undone = await recorder.UndoAsync(id, feedbackId, cancellationToken);
            if (!Undone)
            {
                Response.StatusCode = StatusCodes.Status404NotFound;
            }
        }
    }

    public string Verb => FeedbackLabels.Recorded(Kind, Target?.ShowTitle);

    private async Task<long?> LoadAsync(string token, long itemId, string kind, CancellationToken cancellationToken)
    {
        Token = token;
        var parsed = SubscriberLinks.ParseFeedbackSlug(kind);
        var subscriber = parsed is null ? null : await subscriptions.FindByManageTokenAsync(token, cancellationToken);
        Target = subscriber is null ? null : await recorder.FindTargetAsync(subscriber.Id, itemId, cancellationToken);
        if (Target is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return null;
        }
        Kind = parsed!.Value;
        return subscriber!.Id;
    }
}

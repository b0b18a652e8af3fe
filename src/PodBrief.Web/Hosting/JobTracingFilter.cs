using System.Diagnostics;
using Hangfire.Server;
using PodBrief.Core.Common;

namespace PodBrief.Web.Hosting;

/// <summary>One trace span per Hangfire job run ("job RefreshPodcastJob.RunAsync"), with its id and outcome.</summary>
internal sealed class JobTracingFilter : IServerFilter
{
    private const string ItemKey = "podbrief.activity";

    public void OnPerforming(PerformingContext context)
    {
        var job = context.BackgroundJob.Job;
        var activity = PodBriefTelemetry.Activities.StartActivity($"job {job.Type.Name}.{job.Method.Name}", ActivityKind.Internal);
        if (activity is null)
        {
            return;
        }
        activity.SetTag("hangfire.job_id", context.BackgroundJob.Id);
        context.Items[ItemKey] = activity;
    }

    public void OnPerformed(PerformedContext context)
    {
        if (!context.Items.TryGetValue(ItemKey, out var item) || item is not Activity activity)
        {
            return;
        }
        if (context.Exception is { } exception && !context.ExceptionHandled)
        {
            activity.SetStatus(ActivityStatusCode.Error, exception.GetBaseException().Message);
        }
        activity.Dispose();
    }
}

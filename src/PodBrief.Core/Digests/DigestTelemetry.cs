using PodBrief.Core.Common;
using PodBrief.Core.Data;

namespace PodBrief.Core.Digests;

/// <summary>
/// <c>podbrief.digests{state}</c>: counted where a state is written, so the counter agrees with the rows —
/// sent / failed / unknown / skipped / empty by the sender's outcome writer, empty / skipped (too late) by the
/// dispatcher, and "retry" for a digest put back to pending after a transient failure.
/// </summary>
internal static class DigestTelemetry
{
    public static void Count(DigestState state, int count)
    {
        if (count > 0)
        {
            PodBriefTelemetry.Digests.Add(count, new KeyValuePair<string, object?>("state", Tag(state)));
        }
    }

    private static string Tag(DigestState state) => state switch
    {
        DigestState.Sent => "sent",
        DigestState.Failed => "failed",
        DigestState.Unknown => "unknown",
        DigestState.Skipped => "skipped",
        DigestState.Empty => "empty",
        DigestState.Pending => "retry",
        _ => "sending",
    };
}

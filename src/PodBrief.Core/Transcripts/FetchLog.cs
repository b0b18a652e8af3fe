namespace PodBrief.Core.Transcripts;

/// <summary>What happened while looking for one episode's transcript, in order: the reason recorded on the episode.</summary>
public sealed class FetchLog
{
    private readonly List<string> _notes = [];

    /// <summary>A publisher transcript answered 403/404 soon after publish.</summary>
    public bool NotYetAvailable { get; private set; }

    /// <summary>Something may work on a later attempt (not yet available, or a transient failure).</summary>
    public bool RetryLater { get; private set; }

    /// <summary>The latest Retry-After a server asked for.</summary>
    public DateTimeOffset? RetryAfter { get; private set; }

    public void Note(string note) => _notes.Add(note);

    public void NotYet(string note, DateTimeOffset? retryAfter)
    {
        NotYetAvailable = true;
        Transient(note, retryAfter);
    }

    public void Transient(string note, DateTimeOffset? retryAfter)
    {
        RetryLater = true;
        _notes.Add(note);
        if (retryAfter > RetryAfter || (retryAfter is not null && RetryAfter is null))
        {
            RetryAfter = retryAfter;
        }
    }

    public override string ToString() => string.Join("; ", _notes);
}

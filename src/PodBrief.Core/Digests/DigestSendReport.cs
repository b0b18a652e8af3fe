namespace PodBrief.Core.Digests;

/// <summary>What became of the digests one send pass claimed (the CLI prints it; its exit code follows from it).</summary>
public sealed class DigestSendReport
{
    public int Claimed { get; set; }
    public int Sent { get; set; }
    /// <summary>4xx or no connection before any data went out: back to pending with a later attempt.</summary>
    public int WaitingToRetry { get; set; }
    /// <summary>5xx for the recipient, or out of attempts.</summary>
    public int Failed { get; set; }
    /// <summary>The connection dropped after the data went out: maybe delivered, never resent.</summary>
    public int Unknown { get; set; }
    /// <summary>The subscriber left or paused before sending.</summary>
    public int Skipped { get; set; }
    public int Empty { get; set; }

    /// <summary>Anything that did not reach the mail server this time (the operator has to know).</summary>
    public int NotDelivered => WaitingToRetry + Failed + Unknown;

    public void Add(DigestSendReport other)
    {
        Claimed += other.Claimed;
        Sent += other.Sent;
        WaitingToRetry += other.WaitingToRetry;
        Failed += other.Failed;
        Unknown += other.Unknown;
        Skipped += other.Skipped;
        Empty += other.Empty;
    }

    public override string ToString() =>
        $"{Sent} sent, {WaitingToRetry} waiting to retry, {Failed} failed, {Unknown} unknown, {Skipped} skipped, {Empty} empty";
}

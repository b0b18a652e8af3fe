namespace PodBrief.Testing;

internal static class Skipping
{
    /// <summary>Marks the running test as skipped with <paramref name="reason"/> (never returns).</summary>
    public static Exception SkipNow(string reason)
    {
        Xunit.Assert.Skip(reason);
        return new InvalidOperationException("unreachable");
    }
}

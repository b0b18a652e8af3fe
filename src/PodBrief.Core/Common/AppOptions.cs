namespace PodBrief.Core.Common;

/// <summary>Settings of the whole app (section "App").</summary>
public sealed class AppOptions
{
    public const string Section = "App";

    /// <summary>Where links in emails point. Must be absolute.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5080";

    /// <summary>Folder for the SQLite file, the mail outbox and data-protection keys; relative to the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Shown in every email footer (CAN-SPAM / GDPR want a sender identity and postal address).</summary>
    public string OperatorName { get; set; } = "PodBrief";
    public string OperatorPostalAddress { get; set; } = "";

    public string ResolveDataDirectory() => Path.GetFullPath(DataDirectory);

    public Uri PublicBaseUri => new(PublicBaseUrl.TrimEnd('/') + "/");
}

namespace PodBrief.Web.Pages.Shared;

/// <summary>The description in meta and OpenGraph tags: one line, at most 200 characters, cut at a word.</summary>
public static class ShareTags
{
    public const string DefaultDescription = "Get your free personalized podcast brief: we scan new podcasts and send you the top 5 insights daily.";

    public static string Description(string? text)
    {
        var line = string.Join(' ', (text ?? "").Split((char[])[' ', '\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries));
        if (line.Length == 0)
        {
            return DefaultDescription;
        }
        if (line.Length <= 200)
        {
            return line;
        }
        var cut = line.LastIndexOf(' ', 199);
        return line[..(cut > 100 ? cut : 199)].TrimEnd(',', ';', ':', ' ') + "…";
    }
}

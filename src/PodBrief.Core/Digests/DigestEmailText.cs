using System.Text;

namespace PodBrief.Core.Digests;

/// <summary>The plain-text part: the same content as the HTML, links written out in full.</summary>
internal static class DigestEmailText
{
    public static string Render(DigestEmailView view)
    {
        var text = new StringBuilder(4 * 1024);
        text.Append(view.Brand).Append('\n').Append(view.Intro).Append('\n').Append(view.DateLine).Append("\n\n");
        var number = 1;
        foreach (var item in view.Cards)
        {
            var card = item.Parts;
            text.Append(number++).Append(". ").Append(card.Headline).Append('\n');
            if (card.Source.Length > 0)
            {
                text.Append(card.Source).Append('\n');
            }
            text.Append(card.Body).Append('\n');
            if (card.Quote is not null)
            {
                text.Append('“').Append(card.Quote).Append("”\n");
            }
            text.Append(card.ListenLabel).Append(": ").Append(card.ListenUrl).Append('\n');
            if (card.AlsoDiscussed is not null)
            {
                text.Append(card.AlsoDiscussed).Append('\n');
            }
            if (item.WhyLine.Length > 0)
            {
                text.Append(item.WhyLine).Append('\n');
            }
            text.Append(item.UpLabel).Append(": ").Append(item.UpUrl).Append('\n')
                .Append(item.DownLabel).Append(": ").Append(item.DownUrl).Append('\n')
                .Append(item.LessLabel).Append(": ").Append(item.LessUrl).Append("\n\n");
        }
        text.Append("-- \n")
            .Append("View in browser: ").Append(view.ViewInBrowserUrl).Append('\n')
            .Append("Manage preferences: ").Append(view.PreferencesUrl).Append('\n')
            .Append("Unsubscribe: ").Append(view.UnsubscribeUrl).Append('\n')
            .Append(view.OperatorName);
        if (!string.IsNullOrWhiteSpace(view.OperatorPostalAddress))
        {
            text.Append(", ").Append(view.OperatorPostalAddress);
        }
        return text.Append('\n').ToString();
    }
}

using PodBrief.Core.Mail;

namespace PodBrief.Core.Digests;

/// <summary>What the templates print: plain strings (encoded by each template) and absolute URLs.</summary>
internal sealed record DigestEmailView(
    string Subject,
    string Preheader,
    string Brand,
    string Intro,
    string DateLine,
    IReadOnlyList<DigestEmailCardView> Cards,
    string ViewInBrowserUrl,
    string PreferencesUrl,
    string UnsubscribeUrl,
    string OperatorName,
    string OperatorPostalAddress) : IHtmlTemplateScope
{
    public string? Slot(string name) => name switch
    {
        "title" => Subject,
        "preheader" => Preheader,
        "brand" => Brand,
        "intro" => Intro,
        "date" => DateLine,
        "viewUrl" => ViewInBrowserUrl,
        "preferencesUrl" => PreferencesUrl,
        "unsubscribeUrl" => UnsubscribeUrl,
        "operator" => OperatorName,
        "address" => OperatorPostalAddress,
        _ => null,
    };

    public IEnumerable<IHtmlTemplateScope> Block(string name) => name switch
    {
        "card" => Cards,
        "address" => string.IsNullOrWhiteSpace(OperatorPostalAddress) ? [] : [this],
        _ => [],
    };
}

internal sealed record DigestEmailCardView(
    string Headline,
    string Body,
    string? Quote,
    string Source,
    string? ArtworkUrl,
    string ArtworkAlt,
    string ListenLabel,
    string ListenUrl,
    string? AlsoDiscussed,
    string WhyLine,
    string UpLabel,
    string UpUrl,
    string DownLabel,
    string DownUrl,
    string LessLabel,
    string LessUrl) : IHtmlTemplateScope
{
    public string? Slot(string name) => name switch
    {
        "headline" => Headline,
        "body" => Body,
        "quote" => Quote,
        "source" => Source,
        "art" => ArtworkUrl,
        "artAlt" => ArtworkAlt,
        "listenLabel" => ListenLabel,
        "listenUrl" => ListenUrl,
        "also" => AlsoDiscussed,
        "why" => WhyLine,
        "upLabel" => UpLabel,
        "upUrl" => UpUrl,
        "downLabel" => DownLabel,
        "downUrl" => DownUrl,
        "lessLabel" => LessLabel,
        "lessUrl" => LessUrl,
        _ => null,
    };

    public IEnumerable<IHtmlTemplateScope> Block(string name) => name switch
    {
        "quote" => Quote is null ? [] : [this],
        "source" => Source.Length == 0 ? [] : [this],
        "art" => ArtworkUrl is null ? [] : [this],
        "also" => AlsoDiscussed is null ? [] : [this],
        "why" => WhyLine.Length == 0 ? [] : [this],
        _ => [],
    };
}

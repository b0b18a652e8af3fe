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

/// <summary>One card as this digest shows it: the card's own parts (shared by every digest that has the card) and this item's why-line and feedback links.</summary>
internal sealed record DigestEmailCardView(
    DigestEmailCardParts Parts,
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
        "headline" => Parts.Headline,
        "body" => Parts.Body,
        "quote" => Parts.Quote,
        "source" => Parts.Source,
        "art" => Parts.ArtworkUrl,
        "artAlt" => Parts.ArtworkAlt,
        "listenLabel" => Parts.ListenLabel,
        "listenUrl" => Parts.ListenUrl,
        "also" => Parts.AlsoDiscussed,
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
        "quote" => Parts.Quote is null ? [] : [this],
        "source" => Parts.Source.Length == 0 ? [] : [this],
        "art" => Parts.ArtworkUrl is null ? [] : [this],
        "also" => Parts.AlsoDiscussed is null ? [] : [this],
        "why" => WhyLine.Length == 0 ? [] : [this],
        _ => [],
    };
}

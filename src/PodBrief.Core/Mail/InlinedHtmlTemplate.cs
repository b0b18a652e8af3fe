using System.Text;
using System.Text.RegularExpressions;

namespace PodBrief.Core.Mail;

/// <summary>What a template asks for while it renders: text for a slot, and how often to repeat a block.</summary>
public interface IHtmlTemplateScope
{
    /// <summary>The plain text for <c>{{name}}</c> (encoded by the template), or null when this scope does not know it.</summary>
    string? Slot(string name);

    /// <summary>
    /// The scopes to render <c>&lt;!--[name]--&gt;…&lt;!--[/name]--&gt;</c> with: none hides the block, one shows it,
    /// several repeat it (the cards).
    /// </summary>
    IEnumerable<IHtmlTemplateScope> Block(string name);
}

/// <summary>
/// An email layout whose CSS is inlined once, when the layout is compiled, instead of once per message (issue 13
/// item 2: PreMailer per message was most of the compose time). The layout carries <c>{{slot}}</c> placeholders
/// in text and attribute values and <c>&lt;!--[block]--&gt;</c> comment markers; PreMailer inlines the styles
/// around them, then the result is cut into literal pieces. Rendering only concatenates those pieces with
/// HTML-encoded values, so every value is encoded by construction and the output is what inlining the filled
/// document would give (class selectors cannot depend on the text that fills a slot).
/// </summary>
public sealed partial class InlinedHtmlTemplate
{
    private readonly Node[] nodes;

    private InlinedHtmlTemplate(Node[] nodes) => this.nodes = nodes;

    /// <summary>Inlines the layout's &lt;style&gt; rules (media queries stay in the head) and parses the markers.</summary>
    public static InlinedHtmlTemplate Compile(string layout)
    {
        var inlined = PreMailer.Net.PreMailer.MoveCssInline(layout, removeStyleElements: false, ignoreElements: null,
            css: null, stripIdAndClassAttributes: false, removeComments: false);
        if (inlined.Warnings.Count > 0)
        {
            throw new InvalidOperationException("The email layout's CSS did not inline cleanly: " + string.Join("; ", inlined.Warnings));
        }
        return new InlinedHtmlTemplate(Parse(inlined.Html));
    }

    /// <summary>
    /// The layout as it is, styles not inlined: the old per-message path (fill, then PreMailer) is this followed by
    /// <see cref="InlinePerMessage"/>. Kept for the benchmark's baseline and the equivalence test.
    /// </summary>
    internal static InlinedHtmlTemplate CompileWithoutInlining(string layout) => new(Parse(layout));

    /// <summary>PreMailer over one filled message, as every message was rendered before the layout was compiled.</summary>
    internal static string InlinePerMessage(string html) =>
        PreMailer.Net.PreMailer.MoveCssInline(html, removeStyleElements: false, ignoreElements: null,
            css: null, stripIdAndClassAttributes: false, removeComments: false).Html;

    public string Render(IHtmlTemplateScope scope, int capacity = 16 * 1024)
    {
        var html = new StringBuilder(capacity);
        Render(html, nodes, [scope]);
        return html.ToString();
    }

    private static void Render(StringBuilder html, Node[] nodes, List<IHtmlTemplateScope> scopes)
    {
        foreach (var node in nodes)
        {
            switch (node)
            {
                case Literal literal:
                    html.Append(literal.Text);
                    break;
                case Slot slot:
                    AppendEncoded(html, Resolve(scopes, slot.Name));
                    break;
                case Block block:
                    foreach (var inner in scopes[^1].Block(block.Name))
                    {
                        scopes.Add(inner);
                        Render(html, block.Children, scopes);
                        scopes.RemoveAt(scopes.Count - 1);
                    }
                    break;
            }
        }
    }

    /// <summary>
    /// Escapes what HTML needs escaped in text and in double-quoted attributes (&amp; &lt; &gt; &quot;) and nothing
    /// else, the way PreMailer's serializer wrote the same text before (apostrophes and non-ASCII stay as they are).
    /// </summary>
    private static void AppendEncoded(StringBuilder html, string value)
    {
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var entity = value[i] switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\u00A0' => "&nbsp;",
                _ => null,
            };
            if (entity is not null)
            {
                html.Append(value, start, i - start).Append(entity);
                start = i + 1;
            }
        }
        html.Append(value, start, value.Length - start);
    }

    private static string Resolve(List<IHtmlTemplateScope> scopes, string name)
    {
        for (var i = scopes.Count - 1; i >= 0; i--)
        {
            if (scopes[i].Slot(name) is { } value)
            {
                return value;
            }
        }
        throw new InvalidOperationException($"The email template has a slot {{{{{name}}}}} that nothing fills.");
    }

    private static Node[] Parse(string html)
    {
        var stack = new Stack<(string Name, List<Node> Children)>();
        var current = new List<Node>();
        var at = 0;
        foreach (Match match in Marker().Matches(html))
        {
            if (match.Index > at)
            {
                current.Add(new Literal(html[at..match.Index]));
            }
            at = match.Index + match.Length;
            if (match.Groups["slot"].Success)
            {
                current.Add(new Slot(match.Groups["slot"].Value));
            }
            else if (match.Groups["close"].Value == "/")
            {
                var name = match.Groups["block"].Value;
                if (stack.Count == 0 || stack.Peek().Name != name)
                {
                    throw new InvalidOperationException($"The email template closes block '{name}' that is not open.");
                }
                var (_, parent) = stack.Pop();
                parent.Add(new Block(name, [.. current]));
                current = parent;
            }
            else
            {
                stack.Push((match.Groups["block"].Value, current));
                current = [];
            }
        }
        if (stack.Count > 0)
        {
            throw new InvalidOperationException($"The email template leaves block '{stack.Peek().Name}' open.");
        }
        if (at < html.Length)
        {
            current.Add(new Literal(html[at..]));
        }
        return [.. current];
    }

    [GeneratedRegex(@"\{\{(?<slot>\w+)\}\}|<!--\[(?<close>/?)(?<block>\w+)\]-->", RegexOptions.CultureInvariant)]
    private static partial Regex Marker();

    private abstract record Node;
    private sealed record Literal(string Text) : Node;
    private sealed record Slot(string Name) : Node;
    private sealed record Block(string Name, Node[] Children) : Node;
}

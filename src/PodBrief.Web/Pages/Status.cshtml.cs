using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PodBrief.Web.Pages;

/// <summary>
/// Readable pages for 4xx/5xx status codes (re-executed by the status-code middleware, with the original method).
/// The code comes from the route alone: the handlers take no parameters, so nothing in a (possibly broken or
/// hostile) request body is read or bound — issue 11 found <c>code=999</c> in a body overriding the route.
/// </summary>
[IgnoreAntiforgeryToken]
public class StatusModel : PageModel
{
    public string Title { get; private set; } = "Error";
    public string Message { get; private set; } = "";

    public void OnGet()
    {
        var code = int.TryParse(RouteData.Values["code"]?.ToString(), System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? parsed : 500;
        (Title, Message) = code switch
        {
            400 => ("Bad request", "That request was not valid. If you submitted a form, reload the page and try again."),
            401 or 403 => ("Not allowed", "You need to sign in to see this page."),
            404 => ("Not found", "There is nothing here. The link may be old or mistyped."),
            405 => ("Not allowed", "That page cannot be used this way. Go back and use the button on the page."),
            410 => ("This link no longer works", "The link has expired or was already used."),
            413 => ("Too large", "That was more than this form accepts."),
            415 => ("Bad request", "That form could not be read. Reload the page and try again."),
            429 => ("Too many requests", "Please wait a little and try again."),
            _ => ("Something went wrong", "We could not finish that request. Please try again in a minute."),
        };
    }

    /// <summary>A failed POST (antiforgery, rate limit) is re-executed as a POST: show the same page.</summary>
    public void OnPost() => OnGet();
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PodBrief.Web.Pages;

/// <summary>Readable pages for 4xx/5xx status codes (re-executed by the status-code middleware, with the original method).</summary>
[IgnoreAntiforgeryToken]
public class StatusModel : PageModel
{
    public string Title { get; private set; } = "Error";
    public string Message { get; private set; } = "";

    public void OnGet(int code)
    {
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
    public void OnPost(int code) => OnGet(code);
}

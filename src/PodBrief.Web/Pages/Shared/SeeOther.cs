using Microsoft.AspNetCore.Mvc;

namespace PodBrief.Web.Pages.Shared;

/// <summary>303 See Other after a POST (MVC's redirect results only offer 301/302/307/308).</summary>
public static class SeeOther
{
    public static IActionResult To(HttpResponse response, string location)
    {
        response.Headers.Location = location;
        return new StatusCodeResult(StatusCodes.Status303SeeOther);
    }
}

using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PodBrief.Web.Pages;

public class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}

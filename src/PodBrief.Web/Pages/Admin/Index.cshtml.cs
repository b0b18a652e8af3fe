using Microsoft.AspNetCore.Mvc.RazorPages;
using PodBrief.Web.Pages.Admin.Dashboard;

namespace PodBrief.Web.Pages.Admin;

/// <summary>The operator dashboard: what the pipeline did over the last 30 days, as server-rendered SVG charts.</summary>
public class IndexModel(DashboardQueries queries) : PageModel
{
    public IReadOnlyList<BarChart> Charts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Charts = await queries.LoadAsync(cancellationToken);
}

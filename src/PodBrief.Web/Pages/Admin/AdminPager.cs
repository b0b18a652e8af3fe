namespace PodBrief.Web.Pages.Admin;

/// <summary>Previous / next links of a paged admin table; <see cref="Url"/> keeps the page's own search parameters.</summary>
public sealed record AdminPager(int Page, int PageCount, Func<int, string> Url);

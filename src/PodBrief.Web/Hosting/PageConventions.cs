using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace PodBrief.Web.Hosting;

/// <summary>
/// Two rules for every page, found missing by issue 11's probe:
/// a value named in the page's route ({token}, {itemId}, {kind}, {code}) binds from the route only — by default form
/// fields bind first, so a body field <c>token=…</c> replaced the token in the URL; and a <c>?handler=</c> that names
/// no handler of the page answers 404 instead of running the page's default handler.
/// </summary>
internal static partial class PageConventions
{
    public static void AddPageConventions(this Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions options)
    {
        options.Conventions.Add(new RouteValuesFromRouteOnly());
    }

    public static void AddPageFilters(this MvcOptions options) => options.Filters.Add(new UnknownHandlerIsNotFound());

    private sealed partial class RouteValuesFromRouteOnly : IPageApplicationModelConvention
    {
        public void Apply(PageApplicationModel model)
        {
            var template = model.ActionDescriptor.AttributeRouteInfo?.Template ?? "";
            var routeNames = RouteParameter().Matches(template).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var parameter in model.HandlerMethods.SelectMany(h => h.Parameters))
            {
                if (routeNames.Contains(parameter.ParameterName))
                {
                    parameter.BindingInfo ??= new BindingInfo();
                    parameter.BindingInfo.BindingSource = BindingSource.Path;
                }
            }
        }

        [GeneratedRegex(@"\{\*{0,2}([A-Za-z_][A-Za-z0-9_]*)")]
        private static partial Regex RouteParameter();
    }

    private sealed class UnknownHandlerIsNotFound : IAsyncPageFilter
    {
        public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

        public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
        {
            // A status page re-executed for a failed request keeps that request's query string: not its business.
            var reExecuted = context.HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null;
            var requested = context.RouteData.Values["handler"]?.ToString();
            if (string.IsNullOrEmpty(requested))
            {
                requested = context.HttpContext.Request.Query["handler"].FirstOrDefault();
            }
            if (!reExecuted && !string.IsNullOrEmpty(requested)
                && !string.Equals(context.HandlerMethod?.Name, requested, StringComparison.OrdinalIgnoreCase))
            {
                context.Result = new NotFoundResult();
                return;
            }
            await next();
        }
    }
}

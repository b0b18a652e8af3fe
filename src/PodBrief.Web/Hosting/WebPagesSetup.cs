using Microsoft.AspNetCore.DataProtection;
using PodBrief.Core.Common;

namespace PodBrief.Web.Hosting;

/// <summary>Razor Pages, static files, data protection. The subscriber-facing security rules live here.</summary>
internal static class WebPagesSetup
{
    public static void AddWebPages(this WebApplicationBuilder builder)
    {
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddRazorPages(options =>
            options.Conventions.AuthorizeFolder("/Admin", AdminAccessSetup.PolicyName));
        // Keys on disk under the data directory; several instances share them through a shared volume.
        var app = builder.Configuration.GetSection(AppOptions.Section).Get<AppOptions>() ?? new AppOptions();
        builder.Services.AddDataProtection()
            .SetApplicationName("PodBrief")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(app.ResolveDataDirectory(), "keys")));
    }

    public static void UseWebPages(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error");
        }
        app.UseStatusCodePagesWithReExecute("/Status/{0}");
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapRazorPages();
    }
}

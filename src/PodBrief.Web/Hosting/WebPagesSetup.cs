using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption;
using Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption.ConfigurationModel;
using PodBrief.Core.Common;
using PodBrief.Web.Pages.Insights;

namespace PodBrief.Web.Hosting;

/// <summary>Razor Pages, static files, data protection. The subscriber-facing security rules live here.</summary>
internal static class WebPagesSetup
{
    public static void AddWebPages(this WebApplicationBuilder builder)
    {
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddRazorPages(options =>
        {
            options.Conventions.AuthorizeFolder("/Admin", AdminAccessSetup.PolicyName);
            options.AddPageConventions();
        }).AddMvcOptions(options => options.AddPageFilters());
        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "podbrief.af";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            // We send X-Frame-Options: DENY and frame-ancestors 'none' on every response ourselves.
            options.SuppressXFrameOptionsHeader = true;
        });
        // Keys on disk under the data directory; several instances share them through a shared volume.
        var app = builder.Configuration.GetSection(AppOptions.Section).Get<AppOptions>() ?? new AppOptions();
        builder.Services.AddDataProtection()
            .SetApplicationName("PodBrief")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(app.ResolveDataDirectory(), "keys")))
            // AES-256-GCM (an AEAD) instead of the default AES-256-CBC + HMACSHA256: as strong, one pass instead of
            // two. The landing page issues an antiforgery cookie and token (two Protect calls) to every new visitor;
            // with GCM that costs less CPU per request (issue 13). Keys already on disk keep their algorithm and
            // still decrypt; new keys (fresh installs, the next 90-day rotation) use GCM.
            .UseCryptographicAlgorithms(new AuthenticatedEncryptorConfiguration
            {
                EncryptionAlgorithm = EncryptionAlgorithm.AES_256_GCM,
            });
        builder.Services.AddScoped<InsightCardQueries>();
        builder.Services.AddScoped<InsightChapterLookup>();
        builder.Services.AddSingleton<LandingInsights>();
        builder.Services.AddSingleton<Pages.LandingPageCache>();
        builder.Services.AddScoped<Pages.Admin.Dashboard.DashboardQueries>();
        builder.AddSignupRateLimits();
        builder.AddForwardedHeadersFromConfiguration();
        // Request lines carry tokens (/confirm/{token}); keep them out of logs whatever the configured levels say.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Routing", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Mvc", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.StaticFiles", LogLevel.Warning);
    }

    public static void UseWebPages(this WebApplication app)
    {
        // First, so every limit, log and consent record sees the client's address, not the proxy's.
        app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error");
        }
        app.UseStatusCodePagesWithReExecute("/Status/{0}");
        app.UseRequestBodyLimits();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        // After routing, limits and auth (they run for every request), in front of the Index page's endpoint.
        var landingPage = app.Services.GetRequiredService<Pages.LandingPageCache>();
        app.Use(landingPage.InvokeAsync);
        app.MapRazorPages();
        app.MapPrivateFeeds();
    }
}

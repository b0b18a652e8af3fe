using Microsoft.Extensions.Options;
using PodBrief.Core.Common;

namespace PodBrief.Web.Hosting;

internal static class AppOptionsSetup
{
    public static void AddAppOptions(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AppOptions>()
            .BindConfiguration(AppOptions.Section)
            .Validate(o => Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out var u) && (u.Scheme == "http" || u.Scheme == "https"),
                "App:PublicBaseUrl must be an absolute http(s) URL.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.DataDirectory), "App:DataDirectory must not be empty.")
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<AppOptions>>().Value);
        builder.Services.AddHostedService<OperatorIdentityCheck>();
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace PodBrief.Web.Hosting;

/// <summary>
/// Admin pages and the Hangfire dashboard: open to loopback requests in Development, otherwise HTTP Basic with
/// Admin:Username / Admin:Password from configuration. With no password configured, only the Development
/// loopback rule can let anyone in.
/// </summary>
internal static class AdminAccessSetup
{
    public const string PolicyName = "Admin";
    public const string SchemeName = "AdminBasic";

    public static void AddAdminAccess(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.Section)
            .Validate(o => string.IsNullOrEmpty(o.Password) || o.Password.Length >= 12,
                "Admin:Password must be at least 12 characters.")
            .ValidateOnStart();
        builder.Services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, AdminBasicHandler>(SchemeName, null);
        builder.Services.AddSingleton<IAuthorizationHandler, AdminRequirementHandler>();
        builder.Services.AddAuthorizationBuilder().AddPolicy(PolicyName, policy => policy
            .AddAuthenticationSchemes(SchemeName)
            .AddRequirements(new AdminRequirement()));
    }

    private sealed class AdminRequirement : IAuthorizationRequirement;

    private sealed class AdminRequirementHandler(IHostEnvironment environment, IHttpContextAccessor? accessor = null)
        : AuthorizationHandler<AdminRequirement>
    {
        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, AdminRequirement requirement)
        {
            var http = context.Resource as HttpContext ?? accessor?.HttpContext;
            if (context.User.IsInRole(PolicyName) || (environment.IsDevelopment() && http is not null && IsLoopback(http)))
            {
                context.Succeed(requirement);
            }
            return Task.CompletedTask;
        }

        private static bool IsLoopback(HttpContext http)
        {
            var remote = http.Connection.RemoteIpAddress;
            // The in-process test server has no remote address: it is local by construction.
            return remote is null || IPAddress.IsLoopback(remote);
        }
    }

    private sealed class AdminBasicHandler(
        IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
        IOptions<AdminOptions> admin)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            var configured = admin.Value;
            if (string.IsNullOrEmpty(configured.Password)
                || !AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header)
                || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
                || header.Parameter is null)
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }
            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
            }
            catch (FormatException)
            {
                return Task.FromResult(AuthenticateResult.Fail("Malformed Basic credentials."));
            }
            var separator = decoded.IndexOf(':', StringComparison.Ordinal);
            if (separator < 0 || !FixedTimeEquals(decoded[..separator], configured.Username)
                || !FixedTimeEquals(decoded[(separator + 1)..], configured.Password))
            {
                return Task.FromResult(AuthenticateResult.Fail("Wrong admin credentials."));
            }
            var identity = new ClaimsIdentity(
                [new Claim(ClaimTypes.Name, configured.Username), new Claim(ClaimTypes.Role, PolicyName)], SchemeName);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
        }

        protected override Task HandleChallengeAsync(AuthenticationProperties properties)
        {
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            Response.Headers.WWWAuthenticate = "Basic realm=\"PodBrief admin\", charset=\"UTF-8\"";
            return Task.CompletedTask;
        }

        private static bool FixedTimeEquals(string a, string b) =>
            CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
    }
}

/// <summary>Section "Admin".</summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";
    public string Username { get; set; } = "admin";
    /// <summary>Required to reach admin pages anywhere but loopback in Development. At least 12 characters.</summary>
    public string? Password { get; set; }
}

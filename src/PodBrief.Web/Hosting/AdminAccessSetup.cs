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
/// Admin pages and the Hangfire dashboard: HTTP Basic with Admin:Username / Admin:Password from configuration.
/// With no password configured, only the Development rule (loopback client, loopback host name) lets anyone in.
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

    /// <summary>
    /// With a password configured, only the password lets anyone in, in every environment. Without one, Development
    /// lets loopback requests in — but only those addressed to a loopback host name: a DNS-rebinding page reaches
    /// 127.0.0.1 under its own name (Host: evil.example), and must not read /Admin/Outbox (issue 11).
    /// </summary>
    private sealed class AdminRequirementHandler(IHostEnvironment environment, IOptions<AdminOptions> admin, IHttpContextAccessor? accessor = null)
        : AuthorizationHandler<AdminRequirement>
    {
        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, AdminRequirement requirement)
        {
            var http = context.Resource as HttpContext ?? accessor?.HttpContext;
            var openLocally = string.IsNullOrEmpty(admin.Value.Password) && environment.IsDevelopment()
                && http is not null && IsLoopback(http) && IsLoopbackHost(http.Request.Host);
            if (context.User.IsInRole(PolicyName) || openLocally)
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

    /// <summary>localhost, *.localhost (RFC 6761 keeps them on this machine), 127.0.0.0/8 and [::1].</summary>
    internal static bool IsLoopbackHost(HostString host)
    {
        var name = host.Host;
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }
        if (name.Equals("localhost", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        return IPAddress.TryParse(name.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);
    }

    /// <summary>
    /// HTTP Basic against Admin:Username / Admin:Password. Both values are compared as SHA-256 digests with
    /// <see cref="CryptographicOperations.FixedTimeEquals"/>, so neither the length nor the first wrong byte shows in
    /// the timing. Failures are logged and counted per client address; past the limit the answer is 429 with
    /// Retry-After, even for the right password, until the window ends.
    /// </summary>
    private sealed class AdminBasicHandler(
        IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
        IOptions<AdminOptions> admin, AdminLoginLimiter limiter)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        private TimeSpan? _lockedOutFor;

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
            var client = ClientKey();
            if (limiter.Peek(client) is { } wait)
            {
                _lockedOutFor = wait;
                return Task.FromResult(AuthenticateResult.Fail("Too many failed admin logins."));
            }
            if (!Matches(header.Parameter, configured))
            {
                Logger.LogWarning("Failed admin login from {Client} for {Path}", client, Request.Path.Value);
                if (limiter.TryAcquire(client) is { } lockout)
                {
                    _lockedOutFor = lockout;
                }
                return Task.FromResult(AuthenticateResult.Fail("Wrong admin credentials."));
            }
            var identity = new ClaimsIdentity(
                [new Claim(ClaimTypes.Name, configured.Username), new Claim(ClaimTypes.Role, PolicyName)], SchemeName);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
        }

        protected override Task HandleChallengeAsync(AuthenticationProperties properties)
        {
            if (_lockedOutFor is { } wait)
            {
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                SignupRateLimits.SetRetryAfter(Response, wait);
                return Task.CompletedTask;
            }
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            Response.Headers.WWWAuthenticate = "Basic realm=\"PodBrief admin\", charset=\"UTF-8\"";
            return Task.CompletedTask;
        }

        private string ClientKey() => Context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

        private static bool Matches(string parameter, AdminOptions configured)
        {
            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(parameter));
            }
            catch (FormatException)
            {
                return false;
            }
            var separator = decoded.IndexOf(':', StringComparison.Ordinal);
            if (separator < 0)
            {
                return false;
            }
            // Both comparisons always run (& not &&): which half was wrong does not show in the timing either.
            return FixedTimeEquals(decoded[..separator], configured.Username) & FixedTimeEquals(decoded[(separator + 1)..], configured.Password!);
        }

        private static bool FixedTimeEquals(string given, string expected) =>
            CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
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

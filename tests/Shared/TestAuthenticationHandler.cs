using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HumanConnect.AspNetCore.TestInfrastructure;

/// <summary>
/// The one test sign-in, shared as source by every project that needs a signed-in user: it stands in for the
/// host's own sign-in (a cookie, say). Signs the request in as the user named by the <c>X-Test-User</c> header, in a
/// NameIdentifier claim or in the claim the <c>X-Test-User-Claim</c> header names (a host whose users carry, say,
/// only <c>sub</c>); anonymous without it. A Name claim is always added.
/// </summary>
internal sealed class TestAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Test";
    public const string UserHeader = "X-Test-User";
    public const string UserClaimHeader = "X-Test-User-Claim";

    /// <summary>Registers the test sign-in as the default authentication scheme.</summary>
    public static AuthenticationBuilder Register(IServiceCollection services) =>
        services.AddAuthentication(SchemeName).AddScheme<AuthenticationSchemeOptions, TestAuthenticationHandler>(SchemeName, null);

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var user = Request.Headers[UserHeader].ToString();
        if (string.IsNullOrEmpty(user))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var claimType = Request.Headers[UserClaimHeader].ToString();
        var identity = new ClaimsIdentity(
            [new Claim(claimType.Length == 0 ? ClaimTypes.NameIdentifier : claimType, user), new Claim(ClaimTypes.Name, user)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}

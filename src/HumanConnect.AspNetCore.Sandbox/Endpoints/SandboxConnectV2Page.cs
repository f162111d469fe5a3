using Microsoft.AspNetCore.Http;

namespace HumanConnect.AspNetCore.Sandbox.Endpoints;

/// <summary>
/// The hosted v2 Connect page, at <c>{prefix}/hapi-connect?token=…&amp;mode=…</c> (the client's base URL), filled in
/// by <c>hapi-connect.js</c>.
/// </summary>
internal static class SandboxConnectV2Page
{
    private static readonly HostedPage Page = new(
        "Human Connect (sandbox, v2)",
        "hapi-connect.js",
        "/api",
        """<button type="button" id="hc-close" class="hc-primary">Close</button>""");

    public static Task ServeAsync(HttpContext httpContext) => SandboxHostedPage.ServeAsync(httpContext, Page);
}

using Microsoft.AspNetCore.Http;

namespace HumanConnect.AspNetCore.Sandbox.Endpoints;

/// <summary>The legacy hosted Connect page, filled in by <c>connect-ui.js</c>.</summary>
internal static class SandboxPage
{
    private static readonly HostedPage Page = new(
        "Human Connect (sandbox)",
        "connect-ui.js",
        "/v1/ui",
        """
        <button type="button" id="hc-done" class="hc-primary" hidden>Done</button>
        <button type="button" id="hc-close">Close</button>
        """);

    /// <summary>The page itself, at the root of the sandbox, where Human API's script expects it.</summary>
    public static Task ServeAsync(HttpContext httpContext) => SandboxHostedPage.ServeAsync(httpContext, Page);
}

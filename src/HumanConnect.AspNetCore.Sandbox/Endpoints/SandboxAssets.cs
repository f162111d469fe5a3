using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace HumanConnect.AspNetCore.Sandbox.Endpoints;

/// <summary>
/// The sandbox's scripts, stylesheet and image, served from embedded resources by its own endpoints: RCL <c>_content</c>
/// files answer 500 from raw build output in Production, and these must work wherever the sandbox is mapped.
/// </summary>
internal sealed class SandboxAssets
{
    /// <summary>Where, under the sandbox's prefix, the Connect button's sandbox image is served.</summary>
    public const string ButtonImagePath = "/assets/connect-button.svg";

    /// <summary>
    /// Where, under the sandbox's prefix, the image a v2 client lays behind its iframe is served: at the path Human API's
    /// <c>humanapi-connect-client</c> asks its base URL (the hosted v2 page) for.
    /// </summary>
    public const string ConnectLaunchImagePath = "/hapi-connect/images/data-source-type-icons/launch-connect-text.svg";

    public SandboxAssets()
    {
        ConnectScript = Load("connect.js", "text/javascript; charset=utf-8");
        // Both hosted pages show the same source list: its script goes in front of each page's own, in one file.
        var sourceList = Read("source-list.js");
        PageScript = Load("connect-ui.js", "text/javascript; charset=utf-8", sourceList);
        PageStyles = Load("connect-ui.css", "text/css; charset=utf-8");
        StoreScript = Load("store.min.js", "text/javascript; charset=utf-8");
        Spinner = Load("spinner.gif", "image/gif");
        ConnectClientScript = Load("humanapi-connect-client.js", "text/javascript; charset=utf-8");
        ConnectV2PageScript = Load("hapi-connect.js", "text/javascript; charset=utf-8", sourceList);
        ButtonImage = Load("connect-button.svg", "image/svg+xml");
        ConnectLaunchImage = Load("launch-connect-text.svg", "image/svg+xml");
    }

    /// <summary>The host page's <c>connect.js</c>, defining the global <c>HumanConnect</c>.</summary>
    public Asset ConnectScript { get; }

    /// <summary>The hosted page's own script.</summary>
    public Asset PageScript { get; }

    /// <summary>The hosted page's stylesheet.</summary>
    public Asset PageStyles { get; }

    /// <summary>A store.js-compatible <c>store</c> global: Human API's legacy <c>connect.js</c> loads it from its base URL.</summary>
    public Asset StoreScript { get; }

    /// <summary>The loading spinner Human API's legacy <c>connect.js</c> shows from its base URL.</summary>
    public Asset Spinner { get; }

    /// <summary>The Connect v2 browser client, defining the global <c>HumanConnect</c> with <c>on(event, handler)</c>.</summary>
    public Asset ConnectClientScript { get; }

    /// <summary>The hosted v2 Connect page's own script.</summary>
    public Asset ConnectV2PageScript { get; }

    /// <summary>The Connect button's image in sandbox mode, so that the button works offline.</summary>
    public Asset ButtonImage { get; }

    /// <summary>The image behind the v2 client's iframe while the hosted page loads.</summary>
    public Asset ConnectLaunchImage { get; }

    private static Asset Load(string name, string contentType, byte[]? prefix = null)
    {
        var content = prefix is null ? Read(name) : [.. prefix, (byte)'\n', .. Read(name)];
        var etag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(content).AsSpan(0, 16))}\"");
        return new Asset(content, contentType, etag);
    }

    private static byte[] Read(string name)
    {
        using var stream = typeof(SandboxAssets).Assembly.GetManifestResourceStream($"HumanConnect.Sandbox.{name}")
            ?? throw new InvalidOperationException($"The sandbox asset {name} is missing from the assembly.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>One asset: its bytes, type and a strong ETag of its content.</summary>
    internal sealed class Asset(byte[] content, string contentType, EntityTagHeaderValue etag)
    {
        public Task ServeAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.Headers.XContentTypeOptions = "nosniff";
            // The URLs are not versioned: let caches keep a copy but revalidate it (cheaply, by ETag) on each use.
            response.Headers.CacheControl = "no-cache";
            response.Headers.ETag = etag.ToString();
            response.Headers["Cross-Origin-Resource-Policy"] = "cross-origin";

            var ifNoneMatch = httpContext.Request.GetTypedHeaders().IfNoneMatch;
            if (ifNoneMatch.Any(candidate => candidate.Compare(etag, useStrongComparison: false) || candidate.Equals(EntityTagHeaderValue.Any)))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                return Task.CompletedTask;
            }

            response.ContentType = contentType;
            response.ContentLength = content.Length;
            return HttpMethods.IsHead(httpContext.Request.Method)
                ? Task.CompletedTask
                : response.Body.WriteAsync(content, httpContext.RequestAborted).AsTask();
        }
    }
}

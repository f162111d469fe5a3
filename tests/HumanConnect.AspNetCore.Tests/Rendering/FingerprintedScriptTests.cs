using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.Primitives;

namespace HumanConnect.AspNetCore.Tests.Rendering;

/// <summary>
/// With <c>MapStaticAssets()</c>, the library's script is linked at the fingerprinted route its static asset
/// endpoint serves <c>immutable</c>, found by the file's label. The endpoints here carry the same
/// <see cref="StaticAssetDescriptor"/> metadata as the framework's; the sample host and the package test prove the
/// real manifest over HTTP, in Development and in Production.
/// </summary>
public sealed class FingerprintedScriptTests
{
    private const string Label = "_content/HumanConnect.AspNetCore/human-connect.js";

    [Fact]
    public async Task The_module_links_its_fingerprinted_route_under_the_PathBase()
    {
        var assets = new StaticAssetEndpoints();
        assets.Add(Label, label: null);
        assets.Add("_content/HumanConnect.AspNetCore/human-connect.k2x9q7w1bd.js", Label, fingerprint: "k2x9q7w1bd");
        // A compressed alternative of the same route, as the manifest lists it: never the one linked.
        assets.Add("_content/HumanConnect.AspNetCore/human-connect.gzgzgzgzgz.js", Label, fingerprint: "gzgzgzgzgz", gzip: true);
        await using var harness = await ButtonHarness.StartAsync(configureApp: assets.AddTo);

        Assert.Equal("/base/_content/HumanConnect.AspNetCore/human-connect.k2x9q7w1bd.js", ModuleSource(harness));
    }

    [Fact]
    public async Task Another_librarys_file_of_the_same_name_is_not_taken_for_ours()
    {
        var assets = new StaticAssetEndpoints();
        assets.Add("_content/Other.Library/human-connect.aaaaaaaaaa.js", "_content/Other.Library/human-connect.js", fingerprint: "aaaaaaaaaa");
        assets.Add("human-connect.bbbbbbbbbb.js", "human-connect.js", fingerprint: "bbbbbbbbbb");
        await using var harness = await ButtonHarness.StartAsync(configureApp: assets.AddTo);

        // No fingerprint of ours: the plain path with a version, as with UseStaticFiles alone.
        Assert.StartsWith("/base/_content/HumanConnect.AspNetCore/human-connect.js?v=", ModuleSource(harness), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Endpoints_that_change_while_the_app_runs_are_read_again()
    {
        var assets = new StaticAssetEndpoints();
        assets.Add("_content/HumanConnect.AspNetCore/human-connect.1111111111.js", Label, fingerprint: "1111111111");
        await using var harness = await ButtonHarness.StartAsync(configureApp: assets.AddTo);
        var before = ModuleSource(harness);

        assets.Replace("_content/HumanConnect.AspNetCore/human-connect.2222222222.js", Label, fingerprint: "2222222222");

        Assert.EndsWith("human-connect.1111111111.js", before, StringComparison.Ordinal);
        Assert.Equal("/base/_content/HumanConnect.AspNetCore/human-connect.2222222222.js", ModuleSource(harness));
    }

    private static string ModuleSource(ButtonHarness harness)
    {
        var html = ButtonHarness.Html(ButtonHarness.RenderScripts(harness.NewRequest(TestData.Alice)));
        return new HtmlParser().ParseDocument("<!doctype html><body>" + html)
            .QuerySelector("script[data-human-connect-owner]")!.GetAttribute("src")!;
    }

    /// <summary>Endpoints shaped as <c>MapStaticAssets()</c> makes them, in a data source a test can change.</summary>
    private sealed class StaticAssetEndpoints : EndpointDataSource
    {
        private List<Endpoint> _endpoints = [];
        private CancellationTokenSource _changed = new();

        public override IReadOnlyList<Endpoint> Endpoints => _endpoints;

        public void AddTo(WebApplication app) => ((IEndpointRouteBuilder)app).DataSources.Add(this);

        public void Add(string route, string? label, string? fingerprint = null, bool gzip = false) =>
            _endpoints.Add(Create(route, label, fingerprint, gzip));

        public void Replace(string route, string label, string fingerprint)
        {
            _endpoints = [Create(route, label, fingerprint, gzip: false)];
            var changed = _changed;
            _changed = new CancellationTokenSource();
            changed.Cancel();
            changed.Dispose();
        }

        public override IChangeToken GetChangeToken() => new CancellationChangeToken(_changed.Token);

        private static RouteEndpoint Create(string route, string? label, string? fingerprint, bool gzip)
        {
            var properties = new List<StaticAssetProperty> { new("integrity", "sha256-AAAA") };
            if (label is not null)
            {
                properties.Add(new StaticAssetProperty("label", label));
            }

            if (fingerprint is not null)
            {
                properties.Add(new StaticAssetProperty("fingerprint", fingerprint));
            }

            var descriptor = new StaticAssetDescriptor
            {
                Route = route,
                AssetPath = route,
                Selectors = gzip ? [new StaticAssetSelector("Content-Encoding", "gzip", "0.1")] : [],
                Properties = properties,
                ResponseHeaders = [],
            };
            return new RouteEndpoint(_ => Task.CompletedTask, RoutePatternFactory.Parse(route), 0, new EndpointMetadataCollection(descriptor), route);
        }
    }
}

using System.Net;
using System.Net.Http.Json;
using HumanConnect.AspNetCore.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HumanConnect.AspNetCore.Tests;

/// <summary>Where the endpoints live and which conventions they take: route groups, PathBase, authorization, names.</summary>
public sealed class MapHumanConnectTests
{
    [Fact]
    public async Task MapHumanConnect_under_a_group_serves_finish_below_the_prefix()
    {
        await using var app = await TestApp.StartAsync(map: a => a.MapGroup("/health").MapHumanConnect());
        app.Upstream.ExpectTokens(UpstreamAnswers.Json(TestData.TokensAnswer()));

        using var response = await app.PostAsync("/health/connect/finish", JsonBody());

        await response.AssertOkJsonAsync();
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task MapHumanConnect_under_a_group_serves_public_token_below_the_prefix()
    {
        await using var app = await TestApp.StartAsync(map: a => a.MapGroup("/health").MapHumanConnect());

        using var response = await app.PostAsync("/health/connect/public-token", content: null);

        await response.AssertProblemAsync(HttpStatusCode.NotFound, HumanConnectErrorCodes.NotConnected);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task MapHumanConnect_under_a_group_does_not_serve_the_unprefixed_path()
    {
        await using var app = await TestApp.StartAsync(map: a => a.MapGroup("/health").MapHumanConnect());

        using var response = await app.PostAsync("/connect/finish", JsonBody());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task MapHumanConnect_works_below_a_path_base()
    {
        await using var app = await TestApp.StartAsync(pathBase: "/base");
        app.Upstream.ExpectTokens(UpstreamAnswers.Json(TestData.TokensAnswer()));

        using var response = await app.PostAsync("/connect/finish", JsonBody());

        await response.AssertOkJsonAsync();
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task MapHumanConnect_serves_public_token_below_a_path_base()
    {
        await using var app = await TestApp.StartAsync(pathBase: "/base");
        await app.Store.SaveAsync(TestData.Alice, TestData.StoredTokens(), TestContext.Current.CancellationToken);
        app.Upstream.ExpectPublicTokens(UpstreamAnswers.Json(new { humanId = TestData.HumanId, publicToken = TestData.NewPublicToken }));

        var answer = await (await app.PostAsync("/connect/public-token", content: null)).AssertOkJsonAsync();

        Assert.Equal(TestData.NewPublicToken, answer.GetProperty("publicToken").GetString());
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task MapHumanConnect_under_a_group_below_a_path_base_serves_both_endpoints()
    {
        await using var app = await TestApp.StartAsync(pathBase: "/base", map: a => a.MapGroup("/health").MapHumanConnect());
        app.Upstream.ExpectTokens(UpstreamAnswers.Json(TestData.TokensAnswer()));
        app.Upstream.ExpectPublicTokens(UpstreamAnswers.Json(new { humanId = TestData.HumanId, publicToken = TestData.NewPublicToken }));

        await (await app.PostAsync("/health/connect/finish", JsonBody())).AssertOkJsonAsync();
        var refreshed = await (await app.PostAsync("/health/connect/public-token", content: null)).AssertOkJsonAsync();

        Assert.Equal(TestData.NewPublicToken, refreshed.GetProperty("publicToken").GetString());
        Assert.All(app.Upstream.Requests, r => Assert.DoesNotContain("/base", r.Url.AbsolutePath, StringComparison.Ordinal));
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task MapHumanConnect_under_a_group_below_a_path_base_does_not_serve_the_unprefixed_path()
    {
        await using var app = await TestApp.StartAsync(pathBase: "/base", map: a => a.MapGroup("/health").MapHumanConnect());

        using var response = await app.PostAsync("/connect/finish", JsonBody());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task MapHumanConnect_can_be_mapped_under_two_prefixes()
    {
        await using var app = await TestApp.StartAsync(map: a =>
        {
            a.MapHumanConnect();
            a.MapGroup("/v2").MapHumanConnect();
        });
        app.Upstream.ExpectTokens(UpstreamAnswers.Json(TestData.TokensAnswer()));
        app.Upstream.ExpectTokens(UpstreamAnswers.Json(TestData.TokensAnswer()));

        await (await app.PostAsync("/connect/finish", JsonBody())).AssertOkJsonAsync();
        // A second Connect session: the same session token again would be answered from the store, not exchanged.
        var second = TestData.SessionTokenObject();
        second["sessionToken"] = "9947d233d1594fc2a4bd3ee232247042";
        await (await app.PostAsync("/v2/connect/finish", JsonContent.Create(second))).AssertOkJsonAsync();
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task RequireAuthorization_on_the_returned_builder_forbids_users_who_fail_the_policy()
    {
        await using var app = await TestApp.StartAsync(map: a => a.MapHumanConnect().RequireAuthorization(TestApp.OnlyBobPolicy));

        using var response = await app.PostAsync("/connect/finish", JsonBody(), user: TestData.Alice);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(app.Upstream.Requests);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task RequireAuthorization_on_the_returned_builder_lets_users_who_meet_the_policy_through()
    {
        await using var app = await TestApp.StartAsync(map: a => a.MapHumanConnect().RequireAuthorization(TestApp.OnlyBobPolicy));
        app.Upstream.ExpectTokens(UpstreamAnswers.Json(TestData.TokensAnswer(TestData.Bob)));

        using var response = await app.PostAsync("/connect/finish", JsonBody(), user: TestData.Bob);

        await response.AssertOkJsonAsync();
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task RequireAuthorization_applies_to_the_public_token_endpoint_too()
    {
        await using var app = await TestApp.StartAsync(map: a => a.MapHumanConnect().RequireAuthorization(TestApp.OnlyBobPolicy));

        using var response = await app.PublicTokenAsync(user: TestData.Alice);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task MapHumanConnect_without_AddHumanConnect_throws_at_map_time()
    {
        var builder = TestApp.CreateBuilder();
        await using var app = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapHumanConnect());

        Assert.Contains("AddHumanConnect", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_endpoint_carries_a_distinct_endpoint_name()
    {
        await using var app = await TestApp.StartAsync(map: a => a.MapGroup("/health").MapHumanConnect());

        var names = NamesByRoute(app);

        Assert.Equal(["/health/connect/disconnect", "/health/connect/finish", "/health/connect/options", "/health/connect/public-token", "/health/connect/sync"], names.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(5, names.Values.Distinct(StringComparer.Ordinal).Count());
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Endpoint_names_resolve_with_LinkGenerator_including_prefix_and_path_base()
    {
        await using var app = await TestApp.StartAsync(map: a => a.MapGroup("/health").MapHumanConnect());
        var links = app.Services.GetRequiredService<LinkGenerator>();

        var names = NamesByRoute(app);

        Assert.Equal("/base/health/connect/finish", links.GetPathByName(names["/health/connect/finish"], values: null, pathBase: "/base"));
        Assert.Equal("/base/health/connect/public-token", links.GetPathByName(names["/health/connect/public-token"], values: null, pathBase: "/base"));
        Assert.Equal("/base/health/connect/disconnect", links.GetPathByName(names["/health/connect/disconnect"], values: null, pathBase: "/base"));
        Assert.Equal("/base/health/connect/options", links.GetPathByName(names["/health/connect/options"], values: null, pathBase: "/base"));
        Assert.Equal("/base/health/connect/sync", links.GetPathByName(names["/health/connect/sync"], values: null, pathBase: "/base"));
        app.AssertCleanUpstreamAndNoLeaks();
    }

    // The endpoints that answer (POST finish and public-token, GET options), not the 405 ones beside them.
    private static Dictionary<string, string> NamesByRoute(TestApp app) =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.RoutePattern.RawText!.Contains("/connect/", StringComparison.Ordinal)
                && endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is [var method]
                && (method == HttpMethods.Post || (method == HttpMethods.Get && endpoint.RoutePattern.RawText!.EndsWith("/options", StringComparison.Ordinal))))
            .ToDictionary(
                endpoint => endpoint.RoutePattern.RawText!,
                endpoint => Assert.IsType<IEndpointNameMetadata>(endpoint.Metadata.GetMetadata<IEndpointNameMetadata>(), exactMatch: false).EndpointName,
                StringComparer.Ordinal);

    private static JsonContent JsonBody() => JsonContent.Create(TestData.SessionTokenObject());
}

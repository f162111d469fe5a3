using System.Net;
using System.Net.Http.Json;
using HumanConnect.AspNetCore.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HumanConnect.AspNetCore.Tests;

/// <summary>
/// Where the endpoints take the antiforgery token from: the header the host's <c>AntiforgeryOptions.HeaderName</c>
/// names, which is where the button tells human-connect.js to send it; a form field only when the host has no
/// header name (human-connect.js then posts a form).
/// </summary>
public sealed class AntiforgeryTokenPlacementTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A sessionTokenObject form padded with fields past the endpoints' limit of 32, yet far below 8 KiB.</summary>
    private static Dictionary<string, string> TooManyFields()
    {
        var fields = TestData.SessionTokenObject();
        for (var i = 0; i < 40; i++)
        {
            fields[$"extra{i}"] = "x";
        }

        return fields;
    }

    private static Task<TestApp> StartWithoutAntiforgeryHeaderAsync() =>
        TestApp.StartAsync(services: s => s.AddAntiforgery(o => o.HeaderName = null));

    [Fact]
    public async Task A_token_in_a_form_field_is_refused_when_the_host_has_an_antiforgery_header()
    {
        await using var app = await TestApp.StartAsync();

        using var response = await app.PostFormWithTokenFieldAsync("/connect/finish", TestData.SessionTokenObject());

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, HumanConnectErrorCodes.AntiforgeryFailed);
        Assert.Empty(app.Upstream.Requests);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task A_token_in_a_form_field_is_refused_by_public_token_when_the_host_has_an_antiforgery_header()
    {
        await using var app = await TestApp.StartAsync();
        await app.Store.SaveAsync(TestData.Alice, TestData.StoredTokens(), Ct);

        using var response = await app.PostFormWithTokenFieldAsync("/connect/public-token", []);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, HumanConnectErrorCodes.AntiforgeryFailed);
        Assert.Empty(app.Upstream.Requests);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task A_form_breaking_the_form_limits_without_the_header_is_400_antiforgery_failed()
    {
        await using var app = await TestApp.StartAsync();

        using var response = await app.PostAsync("/connect/finish", new FormUrlEncodedContent(TooManyFields()), antiforgery: Antiforgery.MissingHeader);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, HumanConnectErrorCodes.AntiforgeryFailed);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task A_renamed_antiforgery_header_carries_the_token()
    {
        await using var app = await TestApp.StartAsync(services: s => s.AddAntiforgery(o => o.HeaderName = "X-CSRF-TOKEN"));
        app.Upstream.ExpectTokens(UpstreamAnswers.Json(TestData.TokensAnswer()));

        using var renamed = await app.PostAsync("/connect/finish", JsonContent.Create(TestData.SessionTokenObject()), antiforgeryHeader: "X-CSRF-TOKEN");
        using var usual = await app.PostAsync("/connect/finish", JsonContent.Create(TestData.SessionTokenObject()));

        await renamed.AssertOkJsonAsync();
        await usual.AssertProblemAsync(HttpStatusCode.BadRequest, HumanConnectErrorCodes.AntiforgeryFailed);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Without_a_header_name_finish_takes_the_token_from_the_form()
    {
        await using var app = await StartWithoutAntiforgeryHeaderAsync();
        app.Upstream.ExpectTokens(UpstreamAnswers.Json(TestData.TokensAnswer()));

        var answer = await (await app.PostFormWithTokenFieldAsync("/connect/finish", TestData.SessionTokenObject())).AssertOkJsonAsync();

        Assert.Equal(TestData.PublicToken, answer.GetProperty("publicToken").GetString());
        Assert.Equal(TestData.AccessToken, (await app.Store.GetAsync(TestData.Alice, Ct))!.AccessToken);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Without_a_header_name_public_token_takes_the_token_from_the_form()
    {
        await using var app = await StartWithoutAntiforgeryHeaderAsync();
        await app.Store.SaveAsync(TestData.Alice, TestData.StoredTokens(), Ct);
        app.Upstream.ExpectPublicTokens(UpstreamAnswers.Json(new { humanId = TestData.HumanId, publicToken = TestData.NewPublicToken }));

        var answer = await (await app.PostFormWithTokenFieldAsync("/connect/public-token", [])).AssertOkJsonAsync();

        Assert.Equal(TestData.NewPublicToken, answer.GetProperty("publicToken").GetString());
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Without_a_header_name_a_form_without_the_token_field_is_400_antiforgery_failed()
    {
        await using var app = await StartWithoutAntiforgeryHeaderAsync();

        using var response = await app.PostAsync("/connect/finish", new FormUrlEncodedContent(TestData.SessionTokenObject()));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, HumanConnectErrorCodes.AntiforgeryFailed);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Without_a_header_name_a_form_breaking_the_form_limits_is_400_malformed_body()
    {
        // The antiforgery check reads the form to find the field, and the form limits stop it: the same answer the
        // binding gives such a form when the token comes in a header.
        await using var app = await StartWithoutAntiforgeryHeaderAsync();

        using var response = await app.PostFormWithTokenFieldAsync("/connect/finish", TooManyFields());

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, HumanConnectErrorCodes.MalformedBody);
        Assert.Empty(app.Upstream.Requests);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Without_a_header_name_public_token_bounds_the_form_it_reads_for_the_token()
    {
        await using var app = await StartWithoutAntiforgeryHeaderAsync();
        await app.Store.SaveAsync(TestData.Alice, TestData.StoredTokens(), Ct);

        using var response = await app.PostFormWithTokenFieldAsync("/connect/public-token", TooManyFields());

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, HumanConnectErrorCodes.MalformedBody);
        Assert.Empty(app.Upstream.Requests);
        app.AssertCleanUpstreamAndNoLeaks();
    }
}

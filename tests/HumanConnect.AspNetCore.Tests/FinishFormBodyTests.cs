using System.Net;
using System.Text;
using System.Text.Json;
using HumanConnect.AspNetCore.Tests.Infrastructure;

namespace HumanConnect.AspNetCore.Tests;

/// <summary>Human API's own snippet posts the sessionTokenObject with jQuery's <c>$.post</c>: a form, not JSON.</summary>
public sealed class FinishFormBodyTests
{
    [Fact]
    public async Task Finish_with_a_form_body_answers_like_json()
    {
        await using var app = await TestApp.StartAsync();
        app.Upstream.ExpectTokens(UpstreamAnswers.Json(TestData.TokensAnswer()));

        var answer = await (await app.FinishFormAsync(TestData.SessionTokenObject())).AssertOkJsonAsync();

        Assert.Equal(TestData.HumanId, answer.GetProperty("humanId").GetString());
        Assert.Equal(TestData.PublicToken, answer.GetProperty("publicToken").GetString());
        Assert.Equal(TestData.AccessToken, (await app.Store.GetAsync(TestData.Alice, TestContext.Current.CancellationToken))!.AccessToken);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Finish_with_a_form_body_forwards_exactly_the_three_fields_and_the_secret_as_json()
    {
        await using var app = await TestApp.StartAsync();
        app.Upstream.ExpectTokens(UpstreamAnswers.Json(TestData.TokensAnswer()));
        var fields = TestData.SessionTokenObject();
        fields["userId"] = "5461e0b0c7e3bd2d1b8a4c1f";
        fields["clientUserId"] = "chosen-by-the-browser";

        (await app.FinishFormAsync(fields)).EnsureSuccessStatusCode();

        var sent = app.Upstream.SingleRequest();
        Assert.Equal("application/json", sent.ContentType?.MediaType);
        var json = JsonDocument.Parse(sent.Body!).RootElement;
        Assert.Equal(["clientId", "clientSecret", "humanId", "sessionToken"], json.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(TestData.ClientSecret, json.GetProperty("clientSecret").GetString());
        Assert.Equal(TestData.SessionToken, json.GetProperty("sessionToken").GetString());
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Finish_with_a_form_missing_a_field_is_400_validation_failed_naming_it()
    {
        await using var app = await TestApp.StartAsync();
        var fields = TestData.SessionTokenObject();
        fields.Remove("sessionToken");

        using var response = await app.FinishFormAsync(fields);

        Assert.Equal(["sessionToken"], await response.AssertValidationProblemAsync());
        Assert.Empty(app.Upstream.Requests);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Finish_with_a_repeated_form_field_is_400_malformed_body()
    {
        await using var app = await TestApp.StartAsync();
        var fields = TestData.SessionTokenObject().ToList();
        fields.Add(new("humanId", "ffffffffffffffffffffffff"));

        using var response = await app.FinishFormAsync(fields);

        // Ambiguous: refused as a whole rather than resolved to either value, and never sent upstream.
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, HumanConnectErrorCodes.MalformedBody);
        Assert.Empty(app.Upstream.Requests);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Finish_with_control_characters_in_a_form_field_is_400_validation_failed()
    {
        await using var app = await TestApp.StartAsync();
        var fields = TestData.SessionTokenObject();
        fields["humanId"] = "52867cbede\u0001";

        using var response = await app.FinishFormAsync(fields);

        Assert.Equal(["humanId"], await response.AssertValidationProblemAsync());
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Finish_with_an_empty_form_is_400_malformed_body()
    {
        await using var app = await TestApp.StartAsync();

        using var response = await app.PostAsync("/connect/finish", new StringContent("", Encoding.UTF8, "application/x-www-form-urlencoded"));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, HumanConnectErrorCodes.MalformedBody);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Finish_with_a_form_over_8_KiB_is_413()
    {
        await using var app = await TestApp.StartAsync();
        var fields = TestData.SessionTokenObject();
        fields["padding"] = new string('p', 8 * 1024);

        using var response = await app.FinishFormAsync(fields);

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, HumanConnectErrorCodes.BodyTooLarge);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Finish_with_a_form_of_too_many_fields_is_400_malformed_body_not_413()
    {
        await using var app = await TestApp.StartAsync();
        var fields = TestData.SessionTokenObject();
        for (var i = 0; i < 40; i++)
        {
            fields[$"extra{i}"] = "x";
        }

        using var response = await app.FinishFormAsync(fields);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, HumanConnectErrorCodes.MalformedBody);
        Assert.Empty(app.Upstream.Requests);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Finish_with_a_form_field_name_over_128_characters_is_400_malformed_body()
    {
        await using var app = await TestApp.StartAsync();
        var fields = TestData.SessionTokenObject();
        fields[new string('k', 129)] = "x";

        using var response = await app.FinishFormAsync(fields);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, HumanConnectErrorCodes.MalformedBody);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Finish_with_a_chunked_form_over_8_KiB_is_413()
    {
        await using var app = await TestApp.StartAsync();
        var fields = TestData.SessionTokenObject();
        fields["padding"] = new string('p', 8 * 1024);
        var form = await new FormUrlEncodedContent(fields).ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        var content = new StreamContent(new UnseekableStream(form));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");
        Assert.Null(content.Headers.ContentLength);

        using var response = await app.PostAsync("/connect/finish", content);

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, HumanConnectErrorCodes.BodyTooLarge);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Finish_with_a_form_without_antiforgery_header_is_400_antiforgery_failed()
    {
        await using var app = await TestApp.StartAsync();

        using var response = await app.PostAsync("/connect/finish", new FormUrlEncodedContent(TestData.SessionTokenObject()), antiforgery: Antiforgery.MissingHeader);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, HumanConnectErrorCodes.AntiforgeryFailed);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    /// <summary>A body whose length the client cannot know, so it is sent chunked without Content-Length.</summary>
    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}

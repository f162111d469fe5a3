using System.Net;
using System.Net.Http.Headers;
using System.Text;
using HumanConnect.AspNetCore.Tests.Infrastructure;

namespace HumanConnect.AspNetCore.Tests;

/// <summary>Requests the finish endpoint refuses before it calls Human API: the stub has nothing queued, so any call fails.</summary>
public sealed class FinishRequestRejectionTests
{
    [Fact]
    public async Task Finish_without_a_signed_in_user_is_401_not_authenticated()
    {
        await using var app = await TestApp.StartAsync();

        using var response = await app.FinishAsync(TestData.SessionTokenObject(), user: null);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, HumanConnectErrorCodes.NotAuthenticated);
        Assert.Empty(app.Upstream.Requests);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Finish_without_antiforgery_header_is_400_antiforgery_failed()
    {
        await using var app = await TestApp.StartAsync();

        using var response = await app.FinishAsync(TestData.SessionTokenObject(), antiforgery: Antiforgery.MissingHeader);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, HumanConnectErrorCodes.AntiforgeryFailed);
        Assert.Empty(app.Upstream.Requests);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Finish_without_antiforgery_cookie_or_header_is_400_antiforgery_failed()
    {
        await using var app = await TestApp.StartAsync();

        using var response = await app.FinishAsync(TestData.SessionTokenObject(), antiforgery: Antiforgery.None);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, HumanConnectErrorCodes.AntiforgeryFailed);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Finish_with_wrong_antiforgery_token_is_400_antiforgery_failed()
    {
        await using var app = await TestApp.StartAsync();

        using var response = await app.FinishAsync(TestData.SessionTokenObject(), antiforgery: Antiforgery.WrongToken);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, HumanConnectErrorCodes.AntiforgeryFailed);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Finish_with_another_users_antiforgery_token_is_400_antiforgery_failed()
    {
        await using var app = await TestApp.StartAsync();

        using var response = await app.FinishAsync(TestData.SessionTokenObject(), antiforgery: Antiforgery.OtherUsersToken);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, HumanConnectErrorCodes.AntiforgeryFailed);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Finish_with_text_plain_body_is_415()
    {
        await using var app = await TestApp.StartAsync();

        using var response = await app.PostAsync("/connect/finish", new StringContent("""{"humanId":"x"}""", Encoding.UTF8, "text/plain"));

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, HumanConnectErrorCodes.UnsupportedMediaType);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Finish_with_multipart_body_is_415()
    {
        await using var app = await TestApp.StartAsync();
        var multipart = new MultipartFormDataContent();
        foreach (var (name, value) in TestData.SessionTokenObject())
        {
            multipart.Add(new StringContent(value), name);
        }

        using var response = await app.PostAsync("/connect/finish", multipart);

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, HumanConnectErrorCodes.UnsupportedMediaType);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Finish_without_a_body_is_415()
    {
        await using var app = await TestApp.StartAsync();

        using var response = await app.PostAsync("/connect/finish", content: null);

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, HumanConnectErrorCodes.UnsupportedMediaType);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Finish_with_content_length_over_8_KiB_is_413()
    {
        await using var app = await TestApp.StartAsync();
        var body = TestData.SessionTokenObject();
        body["padding"] = new string('p', 8 * 1024);

        using var response = await app.FinishAsync(body);

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, HumanConnectErrorCodes.BodyTooLarge);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Finish_with_a_chunked_json_body_over_8_KiB_is_413()
    {
        await using var app = await TestApp.StartAsync();
        var json = "{\"padding\":\"" + new string('p', 8 * 1024) + "\"}";
        var content = new StreamContent(new UnseekableStream(Encoding.UTF8.GetBytes(json)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        Assert.Null(content.Headers.ContentLength);

        using var response = await app.PostAsync("/connect/finish", content);

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, HumanConnectErrorCodes.BodyTooLarge);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Theory]
    [InlineData("{")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"humanId": 5, "clientId": "c", "sessionToken": "s"}""")]
    public async Task Finish_with_malformed_json_is_400_malformed_body(string json)
    {
        await using var app = await TestApp.StartAsync();

        using var response = await app.PostAsync("/connect/finish", new StringContent(json, Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, HumanConnectErrorCodes.MalformedBody);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    public async Task Finish_with_empty_json_body_is_400_malformed_body(string json)
    {
        await using var app = await TestApp.StartAsync();

        using var response = await app.PostAsync("/connect/finish", new StringContent(json, Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, HumanConnectErrorCodes.MalformedBody);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Finish_with_missing_fields_is_400_validation_failed_naming_each_field()
    {
        await using var app = await TestApp.StartAsync();

        using var response = await app.FinishAsync(new { unrelated = "x" });

        Assert.Equal(["clientId", "humanId", "sessionToken"], await response.AssertValidationProblemAsync());
        Assert.Empty(app.Upstream.Requests);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Theory]
    [InlineData("humanId")]
    [InlineData("clientId")]
    [InlineData("sessionToken")]
    public async Task Finish_with_empty_field_is_400_validation_failed_naming_it(string field)
    {
        await using var app = await TestApp.StartAsync();
        var body = TestData.SessionTokenObject();
        body[field] = "";

        using var response = await app.FinishAsync(body);

        Assert.Equal([field], await response.AssertValidationProblemAsync());
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Theory]
    [InlineData("humanId")]
    [InlineData("clientId")]
    [InlineData("sessionToken")]
    public async Task Finish_with_field_over_256_characters_is_400_validation_failed_naming_it(string field)
    {
        await using var app = await TestApp.StartAsync();
        var body = TestData.SessionTokenObject();
        body[field] = new string('a', 257);

        using var response = await app.FinishAsync(body);

        Assert.Equal([field], await response.AssertValidationProblemAsync());
        Assert.Empty(app.Upstream.Requests);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Theory]
    [InlineData("humanId", "52867cbede\u0000")]
    [InlineData("sessionToken", "8836c122\r\nX-Injected: 1")]
    [InlineData("clientId", TestData.ClientId + "\u007f")]
    public async Task Finish_with_control_characters_is_400_validation_failed_naming_the_field(string field, string value)
    {
        await using var app = await TestApp.StartAsync();
        var body = TestData.SessionTokenObject();
        body[field] = value;

        using var response = await app.FinishAsync(body);

        Assert.Equal([field], await response.AssertValidationProblemAsync());
        Assert.Empty(app.Upstream.Requests);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Finish_with_another_apps_clientId_is_400_validation_failed_and_upstream_is_not_called()
    {
        await using var app = await TestApp.StartAsync();
        var body = TestData.SessionTokenObject();
        body["clientId"] = TestData.OtherClientId;

        using var response = await app.FinishAsync(body);

        Assert.Equal(["clientId"], await response.AssertValidationProblemAsync());
        Assert.Empty(app.Upstream.Requests);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Finish_refused_before_upstream_stores_nothing()
    {
        await using var app = await TestApp.StartAsync();
        var body = TestData.SessionTokenObject();
        body["clientId"] = TestData.OtherClientId;

        using var response = await app.FinishAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(await app.Store.GetAsync(TestData.Alice, TestContext.Current.CancellationToken));
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Finish_answers_405_to_get()
    {
        await using var app = await TestApp.StartAsync();

        using var response = await app.Client.GetAsync(new Uri("/connect/finish", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    /// <summary>A body whose length the client cannot know, so it is sent chunked without Content-Length.</summary>
    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}

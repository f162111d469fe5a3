using System.Net;
using System.Text;
using System.Text.Json;
using HumanConnect.AspNetCore.Sandbox.Tests.Infrastructure;

namespace HumanConnect.AspNetCore.Sandbox.Tests;

/// <summary>
/// Every JSON endpoint of the sandbox answers a body it cannot use with a 4xx in the legacy error shape, never a 500:
/// a charset other than UTF-8, JSON that is broken, too deep, of the wrong types or names a field twice, a declared length
/// too large. Broken framing, chunked bodies too large and clients that vanish are in <see cref="BrokenBodyFramingTests"/>.
/// </summary>
public sealed class JsonBodyRefusalTests
{
    /// <summary>Each JSON endpoint, with a string field it reads (a skipped field would not be decoded at all).</summary>
    public static TheoryData<string, string> Endpoints => new()
    {
        { "/sandbox/v1/connect/tokens", "humanId" },
        { "/sandbox/v1/connect/publictokens", "humanId" },
        { "/sandbox/v1/connect/sessions", "clientUserId" },
        { "/sandbox/v1/sandbox/faults", "endpoint" },
        { "/sandbox/v1/ui/open", "clientId" },
        { "/sandbox/v1/ui/source", "sessionToken" },
        { "/sandbox/v1/ui/done", "sessionToken" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task A_charset_other_than_utf_8_is_a_legacy_415(string path, string field)
    {
        await using var sandbox = await SandboxApp.StartAsync();

        foreach (var charset in new[] { "bogus", "utf-16", "iso-8859-1", "\"bogus\"" })
        {
            using var response = await PostAsync(sandbox, path, Encoding.UTF8.GetBytes($"{{\"{field}\":\"x\"}}"), $"application/json; charset={charset}");

            await AssertLegacyErrorAsync(response, HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE", charset);
        }
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Utf_8_stated_in_any_case_or_quoted_reads_as_when_no_charset_is_stated(string path, string field)
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var body = Encoding.UTF8.GetBytes($"{{\"{field}\":\"x\"}}");
        using var unstated = await PostAsync(sandbox, path, body, "application/json");
        var expected = (unstated.StatusCode, Code: (await SandboxApp.ReadJsonAsync(unstated)).GetProperty("code").GetString());

        foreach (var charset in new[] { "utf-8", "UTF-8", "\"utf-8\"" })
        {
            using var response = await PostAsync(sandbox, path, body, $"application/json; charset={charset}");

            Assert.Equal(expected, (response.StatusCode, (await SandboxApp.ReadJsonAsync(response)).GetProperty("code").GetString()));
        }

        Assert.NotEqual("UNSUPPORTED_MEDIA_TYPE", expected.Code);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Json_that_is_broken_too_deep_or_of_the_wrong_shape_is_a_legacy_400(string path, string field)
    {
        await using var sandbox = await SandboxApp.StartAsync();
        byte[][] bodies =
        [
            [.. Encoding.UTF8.GetBytes($"{{\"{field}\":\""), 0xC3, 0x28, 0xFF, .. Encoding.UTF8.GetBytes("\"}")],
            Encoding.UTF8.GetBytes($"{{\"unknown\":{new string('[', 200)}{new string(']', 200)},\"{field}\":\"x\"}}"),
            Encoding.UTF8.GetBytes($"{{\"{field}\":5}}"),
            Encoding.UTF8.GetBytes($"{{\"{field}\":{{\"nested\":\"x\"}}}}"),
            Encoding.UTF8.GetBytes($"{{\"{field}\":\"x\""),
            Encoding.UTF8.GetBytes($"{{\"{field}\":\"x\"}} trailing"),
            Encoding.UTF8.GetBytes("[]"),
            Encoding.UTF8.GetBytes("null"),
            [],
        ];

        foreach (var body in bodies)
        {
            using var response = await PostAsync(sandbox, path, body, "application/json");

            await AssertLegacyErrorAsync(response, HttpStatusCode.BadRequest, "INVALID_REQUEST", Convert.ToHexString(body));
        }
    }

    [Theory]
    [InlineData("/sandbox/v1/ui/source", "{\"sessionToken\":\"x\",\"source\":\"Starfleet Medical\",\"connected\":\"yes\"}")]
    [InlineData("/sandbox/v1/sandbox/faults", "{\"endpoint\":\"all\",\"fault\":\"hang\",\"count\":99999999999}")]
    [InlineData("/sandbox/v1/sandbox/faults", "{\"endpoint\":\"all\",\"fault\":\"latency\",\"delayMs\":1.5}")]
    [InlineData("/sandbox/v1/connect/sessions", "{\"clientUserId\":\"user-1\",\"sources\":\"Starfleet Medical\"}")]
    [InlineData("/sandbox/v1/connect/sessions", "{\"clientUserId\":\"user-1\",\"sources\":[1]}")]
    public async Task A_value_of_the_wrong_type_is_a_legacy_400(string path, string body)
    {
        await using var sandbox = await SandboxApp.StartAsync();

        using var response = await PostAsync(sandbox, path, Encoding.UTF8.GetBytes(body), "application/json");

        await AssertLegacyErrorAsync(response, HttpStatusCode.BadRequest, "INVALID_REQUEST", body);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task A_field_named_twice_in_any_case_is_a_legacy_400_though_named_once_it_is_read(string path, string field)
    {
        await using var sandbox = await SandboxApp.StartAsync();
        using var once = await PostAsync(sandbox, path, Encoding.UTF8.GetBytes($"{{\"{field}\":\"x\"}}"), "application/json");
        var readOnce = await SandboxApp.ReadJsonAsync(once);

        foreach (var body in new[] { $"{{\"{field}\":\"x\",\"{field}\":\"x\"}}", $"{{\"{field}\":\"x\",\"{field.ToUpperInvariant()}\":\"y\"}}" })
        {
            using var twice = await PostAsync(sandbox, path, Encoding.UTF8.GetBytes(body), "application/json");
            var error = await AssertLegacyErrorAsync(twice, HttpStatusCode.BadRequest, "INVALID_REQUEST", body);

            Assert.Contains("each field once", error.GetProperty("detailedMessage").GetString(), StringComparison.Ordinal);
        }

        Assert.DoesNotContain("each field once", readOnce.GetProperty("detailedMessage").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_repeated_clientId_cannot_smuggle_a_wrong_one_past_the_credentials_check()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var session = await sandbox.CreateSessionAsync("user-1");
        var body = $$"""
            {"humanId":"{{session.GetProperty("humanId").GetString()}}","clientId":"someone-else","clientId":"{{SandboxApp.ClientId}}",
             "clientSecret":"{{SandboxApp.ClientSecret}}","sessionToken":"{{session.GetProperty("sessionToken").GetString()}}"}
            """;

        using var response = await PostAsync(sandbox, "/sandbox/v1/connect/tokens", Encoding.UTF8.GetBytes(body), "application/json");
        using var exchanged = await sandbox.ExchangeAsync(session);

        await AssertLegacyErrorAsync(response, HttpStatusCode.BadRequest, "INVALID_REQUEST", "repeated clientId");
        Assert.Equal(HttpStatusCode.OK, exchanged.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task A_body_declared_over_16_KiB_is_a_legacy_413(string path, string field)
    {
        // Expect: 100-continue holds the body back until the server asks for it. The sandbox answers on the declared
        // length alone, so no body is in flight when Kestrel closes the connection after a 413 (which would reset it).
        await using var sandbox = await SandboxApp.StartAsync();
        var body = Encoding.UTF8.GetBytes($"{{\"{field}\":\"{new string('x', 16 * 1024)}\"}}");

        using var response = await PostAsync(sandbox, path, body, "application/json", expectContinue: true);

        await AssertLegacyErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "BODY_TOO_LARGE", "declared");
    }

    private static async Task<HttpResponseMessage> PostAsync(SandboxApp sandbox, string path, byte[] body, string contentType, bool expectContinue = false)
    {
        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.ExpectContinue = expectContinue;
        return await sandbox.Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static async Task<JsonElement> AssertLegacyErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code, string what)
    {
        Assert.True(status == response.StatusCode, $"{what}: expected {(int)status}, got {(int)response.StatusCode}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var error = await SandboxApp.ReadJsonAsync(response);
        Assert.True(code == error.GetProperty("code").GetString(), $"{what}: expected {code}, got {error}");
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        Assert.False(string.IsNullOrEmpty(error.GetProperty("detailedMessage").GetString()));
        return error;
    }
}

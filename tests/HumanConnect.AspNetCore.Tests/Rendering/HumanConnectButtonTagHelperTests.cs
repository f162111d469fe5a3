using AngleSharp.Html.Parser;
using HumanConnect.AspNetCore.Tests.Infrastructure;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HumanConnect.AspNetCore.Tests.Rendering;

public sealed class HumanConnectButtonTagHelperTests
{

    [Fact]
    public async Task Create_mode_for_a_user_who_never_connected()
    {
        await using var harness = await ButtonHarness.StartAsync();

        var output = await ButtonHarness.RenderButtonAsync(harness.NewRequest(TestData.Alice));

        Assert.Equal("button", output.TagName);
        Assert.Equal(TagMode.StartTagAndEndTag, output.TagMode);
        Assert.Equal("button", output.Attributes["type"].Value);
        Assert.Equal("create", output.Attributes["data-human-connect-state"].Value);
        var config = ButtonHarness.Config(output);
        Assert.Equal("human-connect-options/1", config.GetProperty("schema").GetString());
        Assert.Equal("create", config.GetProperty("state").GetString());
        Assert.Equal(TestData.ClientId, config.GetProperty("clientId").GetString());
        Assert.Equal(TestData.ClientUserIdOf(TestData.Alice), config.GetProperty("clientUserId").GetString());
        Assert.False(config.TryGetProperty("publicToken", out _));
        Assert.Equal("/base/health/connect/finish", config.GetProperty("finishUrl").GetString());
        Assert.False(config.TryGetProperty("publicTokenUrl", out _));
        Assert.Equal("/base/health/connect/options", config.GetProperty("optionsUrl").GetString());
        Assert.Equal(HumanConnectDefaults.ConnectScriptUrl, config.GetProperty("connectScriptUrl").GetString());
        Assert.Equal(HumanConnectDefaults.ButtonImageUrl, config.GetProperty("buttonImageUrl").GetString());
        Assert.Equal("RequestVerificationToken", config.GetProperty("antiforgery").GetProperty("headerName").GetString());
        Assert.False(string.IsNullOrEmpty(config.GetProperty("antiforgery").GetProperty("token").GetString()));
        Assert.Matches("^[0-9a-f]{64}$", config.GetProperty("owner").GetString());
        Assert.NotEqual(config.GetProperty("clientUserId").GetString(), config.GetProperty("owner").GetString());
        Assert.False(config.TryGetProperty("_baseURL", out _));
        Assert.Equal(1, harness.Store.Reads);
    }

    [Fact]
    public async Task Default_content_is_Human_APIs_button_image_with_alt_text()
    {
        await using var harness = await ButtonHarness.StartAsync();

        var output = await ButtonHarness.RenderButtonAsync(harness.NewRequest(TestData.Alice));

        var document = new HtmlParser().ParseDocument(ButtonHarness.Html(output));
        var image = Assert.Single(document.QuerySelectorAll("button > img"));
        Assert.Equal(HumanConnectDefaults.ButtonImageUrl, image.GetAttribute("src"));
        Assert.Equal("Connect Health Data", image.GetAttribute("alt"));
    }

    [Fact]
    public async Task Edit_mode_when_a_publicToken_is_stored()
    {
        await using var harness = await ButtonHarness.StartAsync();
        harness.Store[TestData.Alice] = TestData.StoredTokens(TestData.Alice, TestData.PublicToken);

        var output = await ButtonHarness.RenderButtonAsync(harness.NewRequest(TestData.Alice));

        Assert.Equal("edit", output.Attributes["data-human-connect-state"].Value);
        Assert.Equal(TestData.PublicToken, ButtonHarness.Config(output).GetProperty("publicToken").GetString());
        Assert.Empty(harness.HumanApi.PublicTokensRequests);
    }

    [Fact]
    public async Task A_lost_publicToken_is_fetched_stored_and_rendered_in_edit_mode()
    {
        await using var harness = await ButtonHarness.StartAsync();
        harness.Store[TestData.Alice] = TestData.StoredTokens(TestData.Alice, publicToken: null);

        var output = await ButtonHarness.RenderButtonAsync(harness.NewRequest(TestData.Alice));

        Assert.Equal("edit", output.Attributes["data-human-connect-state"].Value);
        Assert.Equal(harness.HumanApi.IssuedPublicToken, ButtonHarness.Config(output).GetProperty("publicToken").GetString());
        var asked = Assert.Single(harness.HumanApi.PublicTokensRequests);
        Assert.Equal(TestData.HumanId, asked.GetProperty("humanId").GetString());
        Assert.Equal(harness.HumanApi.IssuedPublicToken, harness.Store[TestData.Alice]!.PublicToken);
        Assert.Equal(TestData.OldAccessToken, harness.Store[TestData.Alice]!.AccessToken);
    }

    [Theory]
    [InlineData(401)]
    [InlineData(500)]
    public async Task When_the_publicToken_cannot_be_renewed_the_button_is_visibly_disabled(int upstreamStatus)
    {
        await using var harness = await ButtonHarness.StartAsync();
        harness.Store[TestData.Alice] = TestData.StoredTokens(TestData.Alice, publicToken: null);
        harness.HumanApi.PublicTokensStatus = upstreamStatus;

        var output = await ButtonHarness.RenderButtonAsync(harness.NewRequest(TestData.Alice), childHtml: "<span>Connect</span>");

        AssertUnavailable(output);
        Assert.Null(harness.Store[TestData.Alice]!.PublicToken);
        var warning = Assert.Single(harness.Logs.GetSnapshot(), r => r.Id.Name == "ButtonPublicTokenRenewalFailed");
        Assert.Equal(LogLevel.Warning, warning.Level);
    }

    [Fact]
    public async Task When_the_store_fails_the_button_is_visibly_disabled()
    {
        await using var harness = await ButtonHarness.StartAsync();
        harness.Store.Unavailable = true;

        var output = await ButtonHarness.RenderButtonAsync(harness.NewRequest(TestData.Alice));

        AssertUnavailable(output);
        Assert.Contains(harness.Logs.GetSnapshot(), r => r.Id.Name == "ButtonStoreUnavailable" && r.Level == LogLevel.Warning);
    }

    [Fact]
    public async Task When_the_store_fails_its_exception_message_is_not_logged()
    {
        await using var harness = await ButtonHarness.StartAsync();
        harness.Store.Unavailable = true;
        harness.Store.FailureMessage = $"SELECT returned a torn row: '{TestData.OldAccessToken}'";

        AssertUnavailable(await ButtonHarness.RenderButtonAsync(harness.NewRequest(TestData.Alice)));

        SecretScan.AssertNoneIn(harness.Logs.GetSnapshot().Select(SecretScan.Describe), [TestData.OldAccessToken]);
        Assert.Single(harness.Logs.GetSnapshot(), r => r.Id.Name == "ButtonStoreUnavailable");
        var failure = Assert.Single(harness.Logs.GetSnapshot(), r => r.Id.Name == "StoreFailed");
        Assert.Contains(nameof(IOException), failure.Message, StringComparison.Ordinal);
        Assert.Null(failure.Exception);
    }

    [Fact]
    public async Task When_the_renewed_publicToken_cannot_be_saved_the_button_is_disabled()
    {
        await using var harness = await ButtonHarness.StartAsync();
        harness.Store[TestData.Alice] = TestData.StoredTokens(TestData.Alice, publicToken: null);
        harness.Store.FailSaves = true;

        var output = await ButtonHarness.RenderButtonAsync(harness.NewRequest(TestData.Alice));

        AssertUnavailable(output);
        Assert.Single(harness.HumanApi.PublicTokensRequests);
    }

    [Fact]
    public async Task Nothing_is_rendered_for_a_signed_out_visitor()
    {
        await using var harness = await ButtonHarness.StartAsync();
        var request = harness.NewRequest(localUserId: null);

        var output = await ButtonHarness.RenderButtonAsync(request);

        Assert.Null(output.TagName);
        Assert.Equal(string.Empty, ButtonHarness.Html(output));
        Assert.Equal(0, harness.Store.Reads);
        Assert.False(request.Response.Headers.ContainsKey("Set-Cookie"));
    }

    [Fact]
    public async Task A_signed_out_visitor_gets_the_sign_in_hint_when_one_is_given()
    {
        await using var harness = await ButtonHarness.StartAsync();

        var output = await ButtonHarness.RenderButtonAsync(
            harness.NewRequest(localUserId: null),
            b => b.SignedOutText = "Sign in to connect <your> health data",
            attributes: [new TagHelperAttribute("class", "hint")]);

        var element = new HtmlParser().ParseDocument(ButtonHarness.Html(output)).Body!.FirstElementChild!;
        Assert.Equal("SPAN", element.TagName);
        Assert.True(element.HasAttribute("data-human-connect-signed-out"));
        Assert.Equal("hint", element.GetAttribute("class"));
        Assert.Equal("Sign in to connect <your> health data", element.TextContent);
        Assert.Null(element.QuerySelector("your"));
    }

    [Fact]
    public async Task Child_content_replaces_the_image_and_other_attributes_pass_through()
    {
        await using var harness = await ButtonHarness.StartAsync();

        var output = await ButtonHarness.RenderButtonAsync(
            harness.NewRequest(TestData.Alice),
            childHtml: "<span class=\"label\">Link your tracker</span>",
            attributes: [new("class", "btn btn-primary"), new("id", "connect"), new("aria-describedby", "help")]);

        var button = new HtmlParser().ParseDocument(ButtonHarness.Html(output)).QuerySelector("button")!;
        Assert.Equal("btn btn-primary", button.GetAttribute("class"));
        Assert.Equal("connect", button.GetAttribute("id"));
        Assert.Equal("help", button.GetAttribute("aria-describedby"));
        Assert.Equal("button", button.GetAttribute("type"));
        Assert.Null(button.QuerySelector("img"));
        Assert.Equal("Link your tracker", button.QuerySelector("span.label")!.TextContent);
    }

    [Fact]
    public async Task Options_come_from_HumanConnectOptions_and_the_buttons_attributes_override_them()
    {
        await using var harness = await ButtonHarness.StartAsync(options =>
        {
            options.Language = "es";
            options.Mode = "wellness";
            options.Modal = true;
            options.ExtraOptions["style"] = "dark";
            options.ExtraOptions["embed"] = "1";
            options.FinishRedirectUrl = "/connected";
            options.ConnectBaseUrl = "/sandbox";
        });

        var defaults = ButtonHarness.Config(await ButtonHarness.RenderButtonAsync(harness.NewRequest(TestData.Alice)));
        var overridden = ButtonHarness.Config(await ButtonHarness.RenderButtonAsync(harness.NewRequest(TestData.Alice), b =>
        {
            b.Language = "tr";
            b.Mode = "clinical";
            b.Modal = false;
            b.RedirectUrl = "https://other.example/done";
            b.Options["style"] = "light";
        }));

        Assert.Equal("es", defaults.GetProperty("language").GetString());
        Assert.Equal("wellness", defaults.GetProperty("mode").GetString());
        Assert.Equal(1, defaults.GetProperty("modal").GetInt32());
        Assert.Equal("/base/connected", defaults.GetProperty("redirectUrl").GetString());
        Assert.Equal("https://shop.example/base/sandbox", defaults.GetProperty("_baseURL").GetString());
        Assert.Equal("dark", defaults.GetProperty("options").GetProperty("style").GetString());

        Assert.Equal("tr", overridden.GetProperty("language").GetString());
        Assert.Equal("clinical", overridden.GetProperty("mode").GetString());
        Assert.False(overridden.TryGetProperty("modal", out _));
        Assert.Equal("https://other.example/done", overridden.GetProperty("redirectUrl").GetString());
        Assert.Equal("light", overridden.GetProperty("options").GetProperty("style").GetString());
        Assert.Equal("1", overridden.GetProperty("options").GetProperty("embed").GetString());
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("//evil.example/")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    public async Task An_unsafe_redirect_url_is_dropped_so_the_page_reloads(string redirectUrl)
    {
        await using var harness = await ButtonHarness.StartAsync();

        var output = await ButtonHarness.RenderButtonAsync(harness.NewRequest(TestData.Alice), b => b.RedirectUrl = redirectUrl);

        Assert.False(ButtonHarness.Config(output).TryGetProperty("redirectUrl", out _));
        Assert.Contains(harness.Logs.GetSnapshot(), r => r.Id.Name == "ButtonUnsafeRedirectIgnored");
    }

    [Fact]
    public async Task The_store_is_read_once_per_request_however_many_buttons()
    {
        await using var harness = await ButtonHarness.StartAsync();
        harness.Store[TestData.Alice] = TestData.StoredTokens(TestData.Alice);
        var request = harness.NewRequest(TestData.Alice);

        var first = await ButtonHarness.RenderButtonAsync(request);
        var second = await ButtonHarness.RenderButtonAsync(request);
        var third = await ButtonHarness.RenderButtonAsync(request);

        Assert.Equal(1, harness.Store.Reads);
        Assert.All([first, second, third], o => Assert.Equal("edit", o.Attributes["data-human-connect-state"].Value));

        await ButtonHarness.RenderButtonAsync(harness.NewRequest(TestData.Alice));
        Assert.Equal(2, harness.Store.Reads);
    }

    [Fact]
    public async Task A_lost_publicToken_is_healed_once_per_request_however_many_buttons_reading_the_record_again_under_the_users_lock()
    {
        await using var harness = await ButtonHarness.StartAsync();
        harness.Store[TestData.Alice] = TestData.StoredTokens(TestData.Alice, publicToken: null);
        var request = harness.NewRequest(TestData.Alice);

        var first = await ButtonHarness.RenderButtonAsync(request);
        var second = await ButtonHarness.RenderButtonAsync(request);
        var third = await ButtonHarness.RenderButtonAsync(request);

        // Once for the page, once under the lock before the save: a finish or a refresh may have replaced the record
        // in between, and the save must not put an older record back.
        Assert.Equal(2, harness.Store.Reads);
        Assert.Single(harness.HumanApi.PublicTokensRequests);
        Assert.All([first, second, third], o => Assert.Equal("edit", o.Attributes["data-human-connect-state"].Value));
    }

    [Fact]
    public async Task Without_a_header_name_the_module_is_told_the_form_field_instead()
    {
        await using var harness = await ButtonHarness.StartAsync(services: s => s.AddAntiforgery(o => o.HeaderName = null));

        var antiforgery = ButtonHarness.Config(await ButtonHarness.RenderButtonAsync(harness.NewRequest(TestData.Alice))).GetProperty("antiforgery");

        Assert.False(antiforgery.TryGetProperty("headerName", out _));
        Assert.Equal("__RequestVerificationToken", antiforgery.GetProperty("formFieldName").GetString());
    }

    [Fact]
    public async Task Without_MapHumanConnect_rendering_fails_loudly_naming_the_fix()
    {
        await using var harness = await ButtonHarness.StartAsync(mapEndpoints: false);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ButtonHarness.RenderButtonAsync(harness.NewRequest(TestData.Alice)));

        Assert.Contains("MapHumanConnect()", error.Message, StringComparison.Ordinal);
    }

    private static void AssertUnavailable(TagHelperOutput output)
    {
        var button = new HtmlParser().ParseDocument(ButtonHarness.Html(output)).QuerySelector("button")!;
        Assert.True(button.HasAttribute("disabled"));
        Assert.Equal("true", button.GetAttribute("aria-disabled"));
        Assert.Equal("unavailable", button.GetAttribute("data-human-connect-state"));
        Assert.Equal("Health data connection is unavailable right now", button.TextContent);
        Assert.False(button.HasAttribute("data-human-connect"));
        Assert.True(output.PostElement.IsEmptyOrWhiteSpace);
    }
}

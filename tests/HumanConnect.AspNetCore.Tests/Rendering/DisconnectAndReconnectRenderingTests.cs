using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace HumanConnect.AspNetCore.Tests.Rendering;

/// <summary>
/// <c>&lt;human-connect-disconnect&gt;</c> (only for a connected user, options in a data attribute, its script once)
/// and the Connect button's <c>reconnect</c> state once the stored access token is gone.
/// </summary>
public sealed class DisconnectAndReconnectRenderingTests
{
    private const string DisconnectScriptPrefix = "/base/_content/HumanConnect.AspNetCore/human-connect-disconnect.js?v=";

    [Fact]
    public async Task A_connected_user_gets_a_button_carrying_the_disconnect_URL_and_antiforgery_token_and_the_script_once()
    {
        await using var harness = await ButtonHarness.StartAsync();
        harness.Store[TestData.Alice] = TestData.StoredTokens(TestData.Alice, TestData.PublicToken);
        var request = harness.NewRequest(TestData.Alice);

        var first = await ButtonHarness.RenderDisconnectAsync(request, d => d.Confirm = "Stop sharing? <yes>", attributes: [new("class", "btn")]);
        var second = await ButtonHarness.RenderDisconnectAsync(request, childHtml: "<b>Unlink</b>");

        Assert.Equal("button", first.TagName);
        Assert.Equal("button", first.Attributes["type"].Value);
        Assert.Equal("btn", first.Attributes["class"].Value);
        var config = Config(first);
        Assert.Equal("/base/health/connect/disconnect", config.GetProperty("url").GetString());
        Assert.Equal("Stop sharing? <yes>", config.GetProperty("confirm").GetString());
        Assert.Equal("RequestVerificationToken", config.GetProperty("antiforgery").GetProperty("headerName").GetString());
        Assert.False(string.IsNullOrEmpty(config.GetProperty("antiforgery").GetProperty("token").GetString()));
        Assert.DoesNotContain(TestData.OldAccessToken, ButtonHarness.Html(first), StringComparison.Ordinal);
        Assert.Equal("Disconnect health data", first.Content.GetContent());
        Assert.Equal("<b>Unlink</b>", second.Content.GetContent());
        var script = Assert.Single(new HtmlParser().ParseDocument(ButtonHarness.Html(first.PostElement)).QuerySelectorAll("script"));
        Assert.StartsWith(DisconnectScriptPrefix, script.GetAttribute("src"), StringComparison.Ordinal);
        Assert.Equal(string.Empty, script.TextContent);
        Assert.True(second.PostElement.IsEmptyOrWhiteSpace);
        Assert.Equal(1, harness.Store.Reads);
    }

    [Fact]
    public async Task The_control_and_the_Connect_button_of_one_page_read_the_store_once()
    {
        await using var harness = await ButtonHarness.StartAsync();
        harness.Store[TestData.Alice] = TestData.StoredTokens(TestData.Alice, TestData.PublicToken);
        var request = harness.NewRequest(TestData.Alice);

        await ButtonHarness.RenderButtonAsync(request);
        await ButtonHarness.RenderDisconnectAsync(request);

        Assert.Equal(1, harness.Store.Reads);
    }

    [Fact]
    public async Task Nothing_is_rendered_for_a_user_who_never_connected_nobody_signed_in_or_a_store_that_is_down()
    {
        await using var harness = await ButtonHarness.StartAsync();

        var neverConnected = await ButtonHarness.RenderDisconnectAsync(harness.NewRequest(TestData.Alice));
        var signedOut = await ButtonHarness.RenderDisconnectAsync(harness.NewRequest(null));
        harness.Store.Unavailable = true;
        var storeDown = await ButtonHarness.RenderDisconnectAsync(harness.NewRequest(TestData.Alice));

        Assert.All([neverConnected, signedOut, storeDown], output =>
        {
            Assert.Null(output.TagName);
            Assert.True(output.PostElement.IsEmptyOrWhiteSpace);
        });
    }

    [Fact]
    public async Task The_script_tag_carries_the_nonce_and_an_unsafe_redirect_is_dropped()
    {
        await using var harness = await ButtonHarness.StartAsync();
        harness.Store[TestData.Alice] = TestData.StoredTokens(TestData.Alice, TestData.PublicToken);

        var output = await ButtonHarness.RenderDisconnectAsync(harness.NewRequest(TestData.Alice), d =>
        {
            d.Nonce = "n0nce";
            d.RedirectUrl = "javascript:alert(1)";
        });

        Assert.Equal("n0nce", new HtmlParser().ParseDocument(ButtonHarness.Html(output.PostElement)).QuerySelector("script")!.GetAttribute("nonce"));
        Assert.False(Config(output).TryGetProperty("redirectUrl", out _));
        Assert.Contains(harness.Logs.GetSnapshot(), r => r.Id.Name == "ButtonUnsafeRedirectIgnored");
    }

    [Fact]
    public async Task An_app_relative_redirect_gets_the_path_base()
    {
        await using var harness = await ButtonHarness.StartAsync();
        harness.Store[TestData.Alice] = TestData.StoredTokens(TestData.Alice, TestData.PublicToken);

        var output = await ButtonHarness.RenderDisconnectAsync(harness.NewRequest(TestData.Alice), d => d.RedirectUrl = "/goodbye");

        Assert.Equal("/base/goodbye", Config(output).GetProperty("redirectUrl").GetString());
    }

    [Fact]
    public async Task A_cleared_access_token_renders_edit_mode_in_the_reconnect_state_with_the_reconnect_text()
    {
        await using var harness = await ButtonHarness.StartAsync();
        harness.Store[TestData.Alice] = TestData.StoredTokens(TestData.Alice, TestData.PublicToken) with { AccessToken = string.Empty };
        var request = harness.NewRequest(TestData.Alice);

        var withText = await ButtonHarness.RenderButtonAsync(request, b => b.ReconnectText = "Connect again <now>");
        var withoutText = await ButtonHarness.RenderButtonAsync(request, childHtml: "Link");

        Assert.Equal("reconnect", withText.Attributes["data-human-connect-state"].Value);
        Assert.Equal(TestData.PublicToken, ButtonHarness.Config(withText).GetProperty("publicToken").GetString());
        Assert.Equal("Connect again &lt;now&gt;", ButtonHarness.Html(withText.Content));
        Assert.Equal("reconnect", withoutText.Attributes["data-human-connect-state"].Value);
        Assert.Equal("Link", withoutText.Content.GetContent());
    }

    [Fact]
    public async Task The_reconnect_text_is_not_used_while_the_token_is_good()
    {
        await using var harness = await ButtonHarness.StartAsync();
        harness.Store[TestData.Alice] = TestData.StoredTokens(TestData.Alice, TestData.PublicToken);

        var output = await ButtonHarness.RenderButtonAsync(harness.NewRequest(TestData.Alice), b => b.ReconnectText = "Connect again", childHtml: "Link");

        Assert.Equal("edit", output.Attributes["data-human-connect-state"].Value);
        Assert.Equal("Link", output.Content.GetContent());
    }

    [Fact]
    public async Task A_record_whose_key_was_lost_is_healed_into_the_reconnect_state()
    {
        await using var harness = await ButtonHarness.StartAsync();
        harness.Store[TestData.Alice] = HumanTokenStoreRecovery.Unreadable(TestData.HumanId, TestData.ClientUserIdOf(TestData.Alice));

        var output = await ButtonHarness.RenderButtonAsync(harness.NewRequest(TestData.Alice));

        Assert.Equal("reconnect", output.Attributes["data-human-connect-state"].Value);
        Assert.Equal(harness.HumanApi.IssuedPublicToken, ButtonHarness.Config(output).GetProperty("publicToken").GetString());
    }

    private static JsonElement Config(TagHelperOutput output) =>
        JsonDocument.Parse((string)output.Attributes["data-human-connect-disconnect"].Value).RootElement.Clone();
}

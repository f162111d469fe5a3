using AngleSharp.Html.Parser;
using Bunit;
using HumanConnect.AspNetCore.Tests.Rendering;
using Microsoft.AspNetCore.Http;

namespace HumanConnect.AspNetCore.Tests.Components;

/// <summary>
/// <c>&lt;HumanConnectButton /&gt;</c> in static server rendering (and prerendering): the tag helper's markup and
/// Connect options, from the same one read of the store, and no script call.
/// </summary>
public sealed class StaticRenderingTests
{
    [Fact]
    public async Task Create_mode_renders_the_tag_helpers_button_with_the_same_options_and_calls_no_script()
    {
        await using var harness = await ButtonHarness.StartAsync();
        var request = harness.NewRequest(TestData.Alice);
        await using var bunit = ComponentHarness.Static(request);

        var cut = bunit.Render<HumanConnectButton>(p => p.AddCascadingValue(request));
        var tagHelper = await ButtonHarness.RenderButtonAsync(request);

        var button = cut.Find("button");
        Assert.Equal("button", button.GetAttribute("type"));
        Assert.Equal("create", button.GetAttribute("data-human-connect-state"));
        Assert.Equal((string)tagHelper.Attributes["data-human-connect"].Value, button.GetAttribute("data-human-connect"));
        var config = ComponentHarness.Config(button);
        Assert.Equal("human-connect-options/1", config.GetProperty("schema").GetString());
        Assert.Equal("/base/health/connect/finish", config.GetProperty("finishUrl").GetString());
        var image = cut.Find("button > img");
        Assert.Equal(HumanConnectDefaults.ButtonImageUrl, image.GetAttribute("src"));
        Assert.Equal("Connect Health Data", image.GetAttribute("alt"));
        Assert.Empty(bunit.JSInterop.Invocations);
        Assert.Equal(1, harness.Store.Reads);
    }

    [Fact]
    public async Task Edit_mode_carries_the_stored_publicToken()
    {
        await using var harness = await ButtonHarness.StartAsync();
        harness.Store[TestData.Alice] = TestData.StoredTokens();
        var request = harness.NewRequest(TestData.Alice);
        await using var bunit = ComponentHarness.Static(request);

        var button = bunit.Render<HumanConnectButton>(p => p.AddCascadingValue(request)).Find("button");

        Assert.Equal("edit", button.GetAttribute("data-human-connect-state"));
        Assert.Equal(TestData.OldPublicToken, ComponentHarness.Config(button).GetProperty("publicToken").GetString());
    }

    [Fact]
    public async Task A_gone_access_token_renders_the_reconnect_state_and_the_reconnect_text_as_the_tag_helper_does()
    {
        await using var harness = await ButtonHarness.StartAsync();
        harness.Store[TestData.Alice] = TestData.StoredTokens() with { AccessToken = string.Empty };
        var request = harness.NewRequest(TestData.Alice);
        await using var bunit = ComponentHarness.Static(request);

        var button = bunit.Render<HumanConnectButton>(p => p.AddCascadingValue(request).Add(b => b.ReconnectText, "Connect again <now>")).Find("button");
        var tagHelper = await ButtonHarness.RenderButtonAsync(request, b => b.ReconnectText = "Connect again <now>");

        Assert.Equal("reconnect", button.GetAttribute("data-human-connect-state"));
        Assert.Equal("Connect again <now>", button.TextContent.Trim());
        Assert.Empty(button.QuerySelectorAll("img"));
        Assert.Equal((string)tagHelper.Attributes["data-human-connect"].Value, button.GetAttribute("data-human-connect"));
        Assert.Equal(TestData.OldPublicToken, ComponentHarness.Config(button).GetProperty("publicToken").GetString());
    }

    [Fact]
    public async Task A_lost_publicToken_is_healed_before_the_button_renders()
    {
        await using var harness = await ButtonHarness.StartAsync();
        harness.Store[TestData.Alice] = TestData.StoredTokens(publicToken: null);
        var request = harness.NewRequest(TestData.Alice);
        await using var bunit = ComponentHarness.Static(request);

        // The heal calls Human API: Blazor waits for it before it writes the page, bUnit is asked to.
        var button = bunit.Render<HumanConnectButton>(p => p.AddCascadingValue(request)).WaitForElement("button");

        Assert.Equal(TestData.NewPublicToken, ComponentHarness.Config(button).GetProperty("publicToken").GetString());
        Assert.Equal(TestData.NewPublicToken, harness.Store[TestData.Alice]!.PublicToken);
        Assert.Single(harness.HumanApi.PublicTokensRequests);
    }

    [Fact]
    public async Task When_the_publicToken_cannot_be_renewed_the_button_is_disabled_as_the_tag_helpers()
    {
        await using var harness = await ButtonHarness.StartAsync();
        harness.Store[TestData.Alice] = TestData.StoredTokens(publicToken: null);
        harness.HumanApi.PublicTokensStatus = StatusCodes.Status503ServiceUnavailable;
        var request = harness.NewRequest(TestData.Alice);
        await using var bunit = ComponentHarness.Static(request);

        var button = bunit.Render<HumanConnectButton>(p => p.AddCascadingValue(request).AddUnmatched("class", "btn")).WaitForElement("button");

        Assert.True(button.HasAttribute("disabled"));
        Assert.Equal("true", button.GetAttribute("aria-disabled"));
        Assert.Equal("unavailable", button.GetAttribute("data-human-connect-state"));
        Assert.Equal("Health data connection is unavailable right now", button.TextContent);
        Assert.Equal("btn", button.GetAttribute("class"));
        Assert.False(button.HasAttribute("data-human-connect"));
    }

    [Fact]
    public async Task Nothing_is_rendered_for_a_signed_out_visitor_unless_a_sign_in_hint_is_given()
    {
        await using var harness = await ButtonHarness.StartAsync();
        var request = harness.NewRequest(localUserId: null);
        await using var bunit = ComponentHarness.Static(request);

        var silent = bunit.Render<HumanConnectButton>(p => p.AddCascadingValue(request));
        var hint = bunit.Render<HumanConnectButton>(p => p.AddCascadingValue(request)
            .Add(b => b.SignedOutText, "Sign in to connect your health data").AddUnmatched("id", "hint"));

        Assert.Equal(string.Empty, silent.Markup.Trim());
        var span = hint.Find("span#hint");
        Assert.True(span.HasAttribute("data-human-connect-signed-out"));
        Assert.Equal("Sign in to connect your health data", span.TextContent);
        Assert.Equal(0, harness.Store.Reads);
    }

    [Fact]
    public async Task Parameters_and_child_content_give_the_options_and_markup_of_the_tag_helpers_attributes()
    {
        await using var harness = await ButtonHarness.StartAsync(o =>
        {
            o.Language = "en";
            o.ExtraOptions["embed"] = "1";
            o.ExtraOptions["style"] = "default";
        });
        var request = harness.NewRequest(TestData.Alice);
        await using var bunit = ComponentHarness.Static(request);
        var extra = new Dictionary<string, string> { ["style"] = "dark", ["clientId"] = "not-ours" };

        var cut = bunit.Render<HumanConnectButton>(p => p.AddCascadingValue(request)
            .Add(b => b.Language, "es").Add(b => b.Mode, "wellness").Add(b => b.Modal, true)
            .Add(b => b.RedirectUrl, "/done").Add(b => b.ExtraOptions, extra)
            .AddUnmatched("class", "btn").AddUnmatched("aria-describedby", "help")
            .AddChildContent("<span>Link your <b>tracker</b></span>"));
        var tagHelper = await ButtonHarness.RenderButtonAsync(request, b =>
        {
            b.Language = "es";
            b.Mode = "wellness";
            b.Modal = true;
            b.RedirectUrl = "/done";
            b.Options["style"] = "dark";
            b.Options["clientId"] = "not-ours";
        }, childHtml: "<span>Link your <b>tracker</b></span>");

        var button = cut.Find("button");
        Assert.Equal((string)tagHelper.Attributes["data-human-connect"].Value, button.GetAttribute("data-human-connect"));
        var config = ComponentHarness.Config(button);
        Assert.Equal("es", config.GetProperty("language").GetString());
        Assert.Equal("wellness", config.GetProperty("mode").GetString());
        Assert.Equal(1, config.GetProperty("modal").GetInt32());
        Assert.Equal("/base/done", config.GetProperty("redirectUrl").GetString());
        Assert.Equal("dark", config.GetProperty("options").GetProperty("style").GetString());
        Assert.Equal("1", config.GetProperty("options").GetProperty("embed").GetString());
        Assert.Equal(TestData.ClientId, config.GetProperty("clientId").GetString());
        Assert.Equal("btn", button.GetAttribute("class"));
        Assert.Equal("help", button.GetAttribute("aria-describedby"));
        Assert.Equal("Link your tracker", button.TextContent.Trim());
        Assert.Empty(button.QuerySelectorAll("img"));
    }

    [Fact]
    public async Task Hostile_parameters_appear_only_encoded()
    {
        const string Hostile = "\"><script>alert(1)</script><x a='";
        await using var harness = await ButtonHarness.StartAsync();
        var request = harness.NewRequest(TestData.Alice);
        await using var bunit = ComponentHarness.Static(request);

        var cut = bunit.Render<HumanConnectButton>(p => p.AddCascadingValue(request)
            .Add(b => b.Language, Hostile).Add(b => b.ExtraOptions, new Dictionary<string, string> { [Hostile] = Hostile }));

        var document = new HtmlParser().ParseDocument("<!doctype html><body>" + cut.Markup);
        Assert.Empty(document.QuerySelectorAll("script"));
        var button = Assert.Single(document.QuerySelectorAll("button"));
        Assert.Contains("\\u003Cscript\\u003E", button.GetAttribute("data-human-connect"), StringComparison.Ordinal);
        Assert.Equal(Hostile, ComponentHarness.Config(button).GetProperty("language").GetString());
    }

    [Fact]
    public async Task A_page_with_two_buttons_and_a_tag_helper_reads_the_store_once_and_heals_once()
    {
        await using var harness = await ButtonHarness.StartAsync();
        harness.Store[TestData.Alice] = TestData.StoredTokens(publicToken: null);
        var request = harness.NewRequest(TestData.Alice);
        await using var bunit = ComponentHarness.Static(request);

        var cut = bunit.Render(ComponentHarness.TwoButtons(request));
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("button[data-human-connect-state=edit]").Count));
        await ButtonHarness.RenderButtonAsync(request);

        Assert.Equal("es", ComponentHarness.Config(cut.Find("#second")).GetProperty("language").GetString());
        // Once for the page, and once more under the user's lock by the one heal, as with tag helpers alone.
        Assert.Equal(2, harness.Store.Reads);
        Assert.Single(harness.HumanApi.PublicTokensRequests);
    }

    [Fact]
    public async Task Without_MapHumanConnect_rendering_fails_loudly_naming_the_fix()
    {
        await using var harness = await ButtonHarness.StartAsync(mapEndpoints: false);
        var request = harness.NewRequest(TestData.Alice);
        await using var bunit = ComponentHarness.Static(request);

        var error = Assert.Throws<InvalidOperationException>(() => bunit.Render<HumanConnectButton>(p => p.AddCascadingValue(request)));

        Assert.Contains("MapHumanConnect", error.Message, StringComparison.Ordinal);
    }
}

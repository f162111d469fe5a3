using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Html;

namespace HumanConnect.AspNetCore.Tests.Rendering;

public sealed class HumanConnectScriptsTests
{
    private const string ModulePrefix = "/base/_content/HumanConnect.AspNetCore/human-connect.js?v=";
    private const string FinishPrefix = "/base/_content/HumanConnect.AspNetCore/human-connect-finish.js?v=";

    [Fact]
    public async Task The_first_button_writes_the_scripts_once_and_later_buttons_none()
    {
        await using var harness = await ButtonHarness.StartAsync();
        var request = harness.NewRequest(TestData.Alice);

        var first = await ButtonHarness.RenderButtonAsync(request);
        var second = await ButtonHarness.RenderButtonAsync(request);

        var scripts = Scripts(first.PostElement);
        Assert.Equal(3, scripts.Count);
        Assert.Equal(HumanConnectDefaults.ConnectScriptUrl, scripts[0].GetAttribute("src"));
        Assert.StartsWith(FinishPrefix, scripts[1].GetAttribute("src"), StringComparison.Ordinal);
        Assert.StartsWith(ModulePrefix, scripts[2].GetAttribute("src"), StringComparison.Ordinal);
        Assert.All(scripts, s => Assert.True(s.HasAttribute("defer")));
        Assert.All(scripts, s => Assert.Equal(string.Empty, s.TextContent));
        Assert.True(second.PostElement.IsEmptyOrWhiteSpace);
    }

    [Fact]
    public async Task The_layout_tag_and_the_button_share_one_set_of_scripts()
    {
        await using var harness = await ButtonHarness.StartAsync();

        var buttonFirst = harness.NewRequest(TestData.Alice);
        var button = await ButtonHarness.RenderButtonAsync(buttonFirst);
        var layoutAfterButton = ButtonHarness.RenderScripts(buttonFirst);

        var layoutFirst = harness.NewRequest(TestData.Alice);
        var layout = ButtonHarness.RenderScripts(layoutFirst);
        var buttonAfterLayout = await ButtonHarness.RenderButtonAsync(layoutFirst);

        Assert.Equal(3, Scripts(button.PostElement).Count);
        Assert.Equal(string.Empty, ButtonHarness.Html(layoutAfterButton));
        Assert.Equal(3, Scripts(layout).Count);
        Assert.True(buttonAfterLayout.PostElement.IsEmptyOrWhiteSpace);
    }

    [Fact]
    public async Task Scripts_carry_the_nonce_given_on_the_tag()
    {
        await using var harness = await ButtonHarness.StartAsync();

        var output = await ButtonHarness.RenderButtonAsync(harness.NewRequest(TestData.Alice), b => b.Nonce = "r4nd0m+/=");

        Assert.All(Scripts(output.PostElement), s => Assert.Equal("r4nd0m+/=", s.GetAttribute("nonce")));
    }

    [Fact]
    public async Task Scripts_carry_the_per_request_nonce_of_the_NonceProvider()
    {
        var issued = 0;
        await using var harness = await ButtonHarness.StartAsync(o => o.NonceProvider = _ => $"nonce-{Interlocked.Increment(ref issued)}");

        var first = Scripts(ButtonHarness.RenderScripts(harness.NewRequest(TestData.Alice)));
        var second = Scripts((await ButtonHarness.RenderButtonAsync(harness.NewRequest(TestData.Alice))).PostElement);

        Assert.All(first, s => Assert.Equal("nonce-1", s.GetAttribute("nonce")));
        Assert.All(second, s => Assert.Equal("nonce-2", s.GetAttribute("nonce")));
    }

    [Fact]
    public async Task Without_a_nonce_the_scripts_carry_none()
    {
        await using var harness = await ButtonHarness.StartAsync(o => o.NonceProvider = _ => null);

        Assert.All(Scripts(ButtonHarness.RenderScripts(harness.NewRequest(TestData.Alice))), s => Assert.False(s.HasAttribute("nonce")));
    }

    [Fact]
    public async Task An_app_relative_Connect_script_is_resolved_against_the_PathBase_and_versioned()
    {
        await using var harness = await ButtonHarness.StartAsync(o => o.ConnectScriptUrl = "/sandbox/connect.js");

        var scripts = Scripts(ButtonHarness.RenderScripts(harness.NewRequest(TestData.Alice)));

        Assert.Matches(@"^/base/sandbox/connect\.js\?v=[^&]+$", scripts[0].GetAttribute("src"));
    }

    [Fact]
    public async Task Human_APIs_own_Connect_script_is_left_as_configured()
    {
        await using var harness = await ButtonHarness.StartAsync(o => o.ConnectScriptUrl = "https://connect.humanapi.co/connect.js");

        var scripts = Scripts(ButtonHarness.RenderScripts(harness.NewRequest(TestData.Alice)));

        Assert.Equal("https://connect.humanapi.co/connect.js", scripts[0].GetAttribute("src"));
    }

    [Fact]
    public async Task The_module_names_the_signed_in_owner_or_nobody_and_nobody_gets_no_third_party_script()
    {
        await using var harness = await ButtonHarness.StartAsync();
        var signedIn = harness.NewRequest(TestData.Alice);

        var button = await ButtonHarness.RenderButtonAsync(signedIn);
        var signedOut = Scripts(ButtonHarness.RenderScripts(harness.NewRequest(localUserId: null)));

        var owner = ButtonHarness.Config(button).GetProperty("owner").GetString();
        Assert.Equal(owner, Scripts(button.PostElement)[2].GetAttribute("data-human-connect-owner"));
        Assert.Equal(2, signedOut.Count);
        Assert.StartsWith(FinishPrefix, signedOut[0].GetAttribute("src"), StringComparison.Ordinal);
        Assert.False(signedOut[0].HasAttribute("data-human-connect-owner"));
        var module = signedOut[1];
        Assert.StartsWith(ModulePrefix, module.GetAttribute("src"), StringComparison.Ordinal);
        Assert.Equal(string.Empty, module.GetAttribute("data-human-connect-owner"));
    }

    private static List<IElement> Scripts(IHtmlContent content) =>
        [.. new HtmlParser().ParseDocument("<!doctype html><body>" + ButtonHarness.Html(content)).QuerySelectorAll("script")];
}

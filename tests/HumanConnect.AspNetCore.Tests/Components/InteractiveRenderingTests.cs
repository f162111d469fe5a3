using System.Text.Json;
using Bunit;
using HumanConnect.AspNetCore.Components;
using HumanConnect.AspNetCore.Rendering;
using HumanConnect.AspNetCore.Tests.Rendering;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;

namespace HumanConnect.AspNetCore.Tests.Components;

/// <summary>
/// <c>&lt;HumanConnectButton /&gt;</c> in a Blazor Server circuit: the options carried over from the prerendered
/// request (or fetched once from the options endpoint), the module attached through JS interop, and the callbacks
/// raised as <see cref="Microsoft.AspNetCore.Components.EventCallback"/>s.
/// </summary>
public sealed class InteractiveRenderingTests
{
    [Fact]
    public async Task The_circuit_takes_the_prerendered_options_without_reading_the_store_again_and_attaches_the_button()
    {
        await using var harness = await ButtonHarness.StartAsync();
        harness.Store[TestData.Alice] = TestData.StoredTokens();
        var persisted = await PrerenderAsync(harness);
        Assert.Equal(1, harness.Store.Reads);

        await using var circuit = ComponentHarness.Circuit(harness, out var state);
        state.Persist(HumanConnectComponentState.PersistenceKey, persisted);
        var module = ComponentHarness.SetUpModule(circuit);

        var cut = circuit.Render(ComponentHarness.TwoButtons(request: null));

        cut.WaitForAssertion(() => Assert.Equal(2, module.Invocations["attach"].Count));
        Assert.Equal(1, harness.Store.Reads);
        Assert.All(circuit.JSInterop.Invocations["import"], import => Assert.StartsWith(ComponentHarness.ModulePrefix, (string)import.Arguments[0]!, StringComparison.Ordinal));
        var attach = module.Invocations["attach"][0];
        var json = Assert.IsType<string>(attach.Arguments[1]);
        Assert.Equal(cut.Find("#first").GetAttribute("data-human-connect"), json);
        Assert.Equal(TestData.OldPublicToken, JsonDocument.Parse(json).RootElement.GetProperty("publicToken").GetString());
        Assert.Equal("es", JsonDocument.Parse(Assert.IsType<string>(module.Invocations["attach"][1].Arguments[1])).RootElement.GetProperty("language").GetString());
        Assert.Equal(false, attach.Arguments[3]);
    }

    [Fact]
    public async Task Without_prerendering_the_circuit_fetches_the_options_endpoint_once_for_every_button()
    {
        await using var harness = await ButtonHarness.StartAsync();
        await using var circuit = ComponentHarness.Circuit(harness, out _);
        var module = ComponentHarness.SetUpModule(circuit);
        var fetched = await OptionsJsonAsync(harness);
        module.Setup<string?>("fetchOptions", _ => true).SetResult(fetched);

        var cut = circuit.Render(ComponentHarness.TwoButtons(request: null));

        cut.WaitForAssertion(() => Assert.Equal(2, module.Invocations["attach"].Count));
        var fetch = Assert.Single(module.Invocations["fetchOptions"]);
        Assert.Equal("/health/connect/options", fetch.Arguments[0]);
        Assert.Equal("create", cut.Find("#first").GetAttribute("data-human-connect-state"));
    }

    [Fact]
    public async Task A_signed_out_visitor_fetched_in_the_circuit_gets_the_hint_and_no_attach()
    {
        await using var harness = await ButtonHarness.StartAsync();
        await using var circuit = ComponentHarness.Circuit(harness, out _);
        var module = ComponentHarness.SetUpModule(circuit);
        module.Setup<string?>("fetchOptions", _ => true).SetResult(null);

        var cut = circuit.Render<HumanConnectButton>(p => p.Add(b => b.SignedOutText, "Sign in first"));

        cut.WaitForAssertion(() => Assert.Equal("Sign in first", cut.Find("span[data-human-connect-signed-out]").TextContent));
        Assert.Empty(module.Invocations["attach"]);
    }

    [Fact]
    public async Task A_finish_raises_OnConnected_keeps_the_page_and_switches_every_button_to_edit_mode()
    {
        await using var harness = await ButtonHarness.StartAsync();
        await using var circuit = await CircuitWithCreateModeAsync(harness);
        var module = ComponentHarness.SetUpModule(circuit);
        HumanConnectResult? connected = null;
        var cut = circuit.Render<HumanConnectButton>(p => p.Add(b => b.OnConnected, result => connected = result));
        cut.WaitForAssertion(() => Assert.Single(module.Invocations["attach"]));
        Assert.Equal(true, module.Invocations["attach"][0].Arguments[3]);

        await cut.InvokeAsync(() => ComponentHarness.Callbacks(module).Connected(
            JsonSerializer.SerializeToElement(new { humanId = TestData.HumanId, publicToken = TestData.NewPublicToken })));

        Assert.Equal(new HumanConnectResult(TestData.HumanId, TestData.NewPublicToken), connected);
        cut.WaitForAssertion(() => Assert.Equal("edit", cut.Find("button").GetAttribute("data-human-connect-state")));
        var update = Assert.Single(module.Invocations["update"]);
        Assert.Equal(TestData.NewPublicToken, JsonDocument.Parse(Assert.IsType<string>(update.Arguments[1])).RootElement.GetProperty("publicToken").GetString());
        Assert.Equal(TestData.NewPublicToken, ComponentHarness.Config(cut.Find("button")).GetProperty("publicToken").GetString());
    }

    [Fact]
    public async Task Close_and_errors_raise_OnClosed_and_OnError_with_what_the_script_reported()
    {
        await using var harness = await ButtonHarness.StartAsync();
        await using var circuit = await CircuitWithCreateModeAsync(harness);
        var module = ComponentHarness.SetUpModule(circuit);
        var closed = 0;
        var errors = new List<HumanConnectError>();
        var cut = circuit.Render<HumanConnectButton>(p => p.Add(b => b.OnClosed, () => closed++).Add(b => b.OnError, errors.Add));
        cut.WaitForAssertion(() => Assert.Single(module.Invocations["attach"]));
        var callbacks = ComponentHarness.Callbacks(module);

        await cut.InvokeAsync(callbacks.Closed);
        await cut.InvokeAsync(() => callbacks.Failed(JsonSerializer.SerializeToElement(
            new { code = "upstream_unavailable", message = "The connection could not be saved.", detailedMessage = "Try again.", status = 502, source = "server" })));
        await cut.InvokeAsync(() => callbacks.Failed(JsonSerializer.SerializeToElement(new { code = 4012, message = "Connect failed.", source = "connect" })));
        await cut.InvokeAsync(() => callbacks.Failed(JsonSerializer.SerializeToElement("not an object")));

        Assert.Equal(1, closed);
        Assert.Equal(
            [
                new HumanConnectError("upstream_unavailable", "The connection could not be saved.", "Try again.", 502, "server"),
                new HumanConnectError("4012", "Connect failed.", string.Empty, null, "connect"),
                new HumanConnectError("connect_error", string.Empty, string.Empty, null, "page"),
            ],
            errors);
        Assert.Equal("create", cut.Find("button").GetAttribute("data-human-connect-state"));
    }

    [Fact]
    public async Task A_finish_message_without_a_publicToken_changes_nothing()
    {
        await using var harness = await ButtonHarness.StartAsync();
        await using var circuit = await CircuitWithCreateModeAsync(harness);
        var module = ComponentHarness.SetUpModule(circuit);
        var connected = 0;
        var cut = circuit.Render<HumanConnectButton>(p => p.Add(b => b.OnConnected, _ => connected++));
        cut.WaitForAssertion(() => Assert.Single(module.Invocations["attach"]));

        await cut.InvokeAsync(() => ComponentHarness.Callbacks(module).Connected(JsonSerializer.SerializeToElement(new { humanId = TestData.HumanId })));

        Assert.Equal(0, connected);
        Assert.Equal("create", cut.Find("button").GetAttribute("data-human-connect-state"));
    }

    [Fact]
    public async Task Disposing_the_component_detaches_the_button()
    {
        await using var harness = await ButtonHarness.StartAsync();
        await using var circuit = await CircuitWithCreateModeAsync(harness);
        var module = ComponentHarness.SetUpModule(circuit);
        var cut = circuit.Render<HumanConnectButton>();
        cut.WaitForAssertion(() => Assert.Single(module.Invocations["attach"]));

        await circuit.DisposeComponentsAsync();

        Assert.Single(module.Invocations["detach"]);
    }

    [Fact]
    public async Task An_unavailable_state_renders_the_disabled_button_and_attaches_nothing()
    {
        await using var harness = await ButtonHarness.StartAsync();
        harness.Store.Unavailable = true;
        var persisted = await PrerenderAsync(harness);
        await using var circuit = ComponentHarness.Circuit(harness, out var state);
        state.Persist(HumanConnectComponentState.PersistenceKey, persisted);
        ComponentHarness.SetUpModule(circuit);

        var cut = circuit.Render<HumanConnectButton>();

        Assert.True(cut.Find("button").HasAttribute("disabled"));
        Assert.DoesNotContain(circuit.JSInterop.Invocations, invocation => invocation.Identifier == "import");
    }

    /// <summary>Prerenders a button for alice, as the request before a circuit does, and returns what it persisted.</summary>
    private static async Task<string> PrerenderAsync(ButtonHarness harness)
    {
        var request = harness.NewRequest(TestData.Alice);
        await using var prerender = ComponentHarness.Static(request, out var state);
        prerender.Render<HumanConnectButton>(p => p.AddCascadingValue(request));

        state.TriggerOnPersisting();
        Assert.True(state.TryTake<string>(HumanConnectComponentState.PersistenceKey, out var persisted));
        return persisted!;
    }

    private static async Task<BunitContext> CircuitWithCreateModeAsync(ButtonHarness harness)
    {
        var json = await OptionsJsonAsync(harness);
        var circuit = ComponentHarness.Circuit(harness, out var state);
        state.Persist(HumanConnectComponentState.PersistenceKey, json);
        return circuit;
    }

    /// <summary>What the options endpoint would answer alice now.</summary>
    private static async Task<string> OptionsJsonAsync(ButtonHarness harness)
    {
        var request = harness.NewRequest(TestData.Alice);
        var options = await request.RequestServices.GetRequiredService<ConnectOptionsBuilder>().ForRequestAsync(request);
        return JsonSerializer.Serialize(options!, HumanConnectRenderingJsonContext.Default.HumanConnectClientConfig);
    }
}

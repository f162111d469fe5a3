using System.Text.Json;
using AngleSharp.Dom;
using Bunit;
using Bunit.TestDoubles;
using HumanConnect.AspNetCore.Components;
using HumanConnect.AspNetCore.Rendering;
using HumanConnect.AspNetCore.Tests.Rendering;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;

namespace HumanConnect.AspNetCore.Tests.Components;

/// <summary>
/// bUnit around the real library: a host built as a real one is (<see cref="ButtonHarness"/>: <c>AddHumanConnect</c>,
/// <c>MapHumanConnect</c> under <c>/health</c>, a Human API on loopback), whose request scope is the component's
/// fallback service provider, as Blazor's is the request's in static rendering.
/// </summary>
internal static class ComponentHarness
{
    /// <summary>The module the interactive component imports, as bUnit's base URI resolves it.</summary>
    public const string ModulePrefix = "http://localhost/_content/HumanConnect.AspNetCore/human-connect-component.mjs?v=";

    /// <summary>A bUnit context for one request (static rendering or prerendering) of <paramref name="request"/>.</summary>
    public static BunitContext Static(HttpContext request) => Static(request, out _);

    /// <inheritdoc cref="Static(HttpContext)"/>
    /// <param name="request">The request.</param>
    /// <param name="persisted">The component state the request persists for the circuit that follows.</param>
    public static BunitContext Static(HttpContext request, out BunitPersistentComponentState persisted) =>
        New(request.RequestServices, new RendererInfo("Static", isInteractive: false), out persisted);

    /// <summary>A bUnit context for one Blazor Server circuit of the host (no request; strict JS interop).</summary>
    /// <param name="harness">The host.</param>
    /// <param name="persisted">The component state the circuit starts with: put the prerendered request's there.</param>
    public static BunitContext Circuit(ButtonHarness harness, out BunitPersistentComponentState persisted) =>
        New(harness.App.Services.CreateScope().ServiceProvider, new RendererInfo("Server", isInteractive: true), out persisted);

    /// <summary>Sets up the component's module, a handle for <c>attach</c>, and <c>update</c>/<c>detach</c>.</summary>
    public static BunitJSModuleInterop SetUpModule(BunitContext context)
    {
        var module = context.JSInterop.SetupModule(invocation =>
            invocation.Identifier == "import" && invocation.Arguments[0] is string url && url.StartsWith(ModulePrefix, StringComparison.Ordinal));
        module.SetupModule("attach", _ => true);
        module.SetupVoid("update", _ => true).SetVoidResult();
        module.SetupVoid("detach", _ => true).SetVoidResult();
        return module;
    }

    /// <summary>The Connect options of a rendered button, as the browser reads them from its attribute.</summary>
    public static JsonElement Config(IElement button) =>
        JsonDocument.Parse(button.GetAttribute("data-human-connect")!).RootElement.Clone();

    /// <summary>The callbacks object the component handed to <c>attach</c>.</summary>
    public static HumanConnectButtonCallbacks Callbacks(BunitJSModuleInterop module) =>
        Assert.IsType<DotNetObjectReference<HumanConnectButtonCallbacks>>(module.Invocations["attach"][^1].Arguments[2]).Value;

    /// <summary>Renders two buttons in one request or circuit, as a page with two of them does.</summary>
    public static RenderFragment TwoButtons(HttpContext? request) => builder =>
    {
        RenderFragment buttons = inner =>
        {
            inner.OpenComponent<HumanConnectButton>(0);
            inner.AddAttribute(1, "id", "first");
            inner.CloseComponent();
            inner.OpenComponent<HumanConnectButton>(2);
            inner.AddAttribute(3, "id", "second");
            inner.AddAttribute(4, nameof(HumanConnectButton.Language), "es");
            inner.CloseComponent();
        };
        if (request is null)
        {
            buttons(builder);
            return;
        }

        builder.OpenComponent<CascadingValue<HttpContext>>(0);
        builder.AddAttribute(1, "Value", request);
        builder.AddAttribute(2, "ChildContent", buttons);
        builder.CloseComponent();
    };

    private static BunitContext New(IServiceProvider fallback, RendererInfo renderer, out BunitPersistentComponentState persisted)
    {
        var context = new BunitContext();
        context.Services.AddFallbackServiceProvider(fallback);

        // The component's state lives in Blazor's container, beside its PersistentComponentState, as it does in an app;
        // what it is built from comes from the host's request scope.
        context.Services.AddScoped(services => new HumanConnectComponentState(fallback.GetRequiredService<ConnectOptionsBuilder>(), services));
        persisted = context.AddBunitPersistentComponentState();
        context.SetRendererInfo(renderer);
        return context;
    }
}

using HumanConnect.AspNetCore.Sandbox.State;
using HumanConnect.AspNetCore.Sandbox.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace HumanConnect.AspNetCore.Sandbox.Tests;

/// <summary>Every change the hosted page makes to a user is on disk by the time the page gets its answer.</summary>
public sealed class StateFilePageChangesTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("hc-sandbox-page-state-").FullName;

    private string StateFile => Path.Combine(_directory, "sandbox-state.json");

    [Fact]
    public async Task Opening_writes_nothing_connecting_creates_the_user_on_disk_and_disconnecting_updates_it()
    {
        await using var sandbox = await SandboxApp.StartAsync(
            configureServices: services => services.Configure<HumanApiSandboxOptions>(o => o.StateFilePath = StateFile));
        const string Prefix = "/sandbox";

        var view = await HostedPageCalls.OpenAsync(sandbox.Http, Prefix, new { clientId = SandboxApp.ClientId, clientUserId = "user-1" });
        var existedAfterOpen = File.Exists(StateFile);
        await HostedPageCalls.SetSourceAsync(sandbox.Http, Prefix, view, "Starfleet Pharmacy", connected: true);
        await HostedPageCalls.SetSourceAsync(sandbox.Http, Prefix, view, "Starfleet Medical", connected: true);
        var afterConnect = Assert.Single(Load());
        await HostedPageCalls.SetSourceAsync(sandbox.Http, Prefix, view, "Starfleet Pharmacy", connected: false);
        var afterDisconnect = Assert.Single(Load());

        Assert.False(existedAfterOpen, "opening the page changed no user, yet the state file was written");
        Assert.Equal(view.GetProperty("humanId").GetString(), afterConnect.HumanId);
        Assert.Equal("user-1", afterConnect.ClientUserId);
        Assert.Equal(["Starfleet Medical", "Starfleet Pharmacy"], afterConnect.Sources.Order(StringComparer.Ordinal));
        Assert.Equal(["Starfleet Medical"], afterDisconnect.Sources);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private IReadOnlyList<SandboxHumanRecord> Load() => new SandboxStateFile(StateFile, NullLogger.Instance).Load();
}

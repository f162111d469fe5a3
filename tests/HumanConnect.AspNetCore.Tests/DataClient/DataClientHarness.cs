using HumanConnect.AspNetCore.Tests.Infrastructure;
using HumanConnect.AspNetCore.Upstream;
using Microsoft.Extensions.DependencyInjection;

namespace HumanConnect.AspNetCore.Tests.DataClient;

/// <summary>
/// A host (<see cref="TestApp"/>) whose data API is a <see cref="FakeDataApi"/> on loopback Kestrel, over real HTTP,
/// with the data client's pauses on an <see cref="InstantClock"/>. <see cref="DataFor"/> resolves
/// <see cref="IHumanDataClient"/> in a scope of its own, as a request or a job would.
/// </summary>
internal sealed class DataClientHarness : IAsyncDisposable
{
    private readonly List<IServiceScope> _scopes = [];

    private DataClientHarness(TestApp app, FakeDataApi fake, InstantClock clock)
    {
        App = app;
        Fake = fake;
        Clock = clock;
    }

    public TestApp App { get; }

    public FakeDataApi Fake { get; }

    public InstantClock Clock { get; }

    public static async Task<DataClientHarness> StartAsync(Action<HumanConnectOptions>? options = null, Action<IServiceCollection>? services = null)
    {
        var fake = await FakeDataApi.StartAsync();
        var clock = new InstantClock();
        var app = await TestApp.StartAsync(
            options: o =>
            {
                o.DataApiBaseUrl = fake.BaseUrl;
                options?.Invoke(o);
            },
            services: s =>
            {
                s.AddSingleton(new DataApiClock(clock));
                services?.Invoke(s);
            });
        return new DataClientHarness(app, fake, clock);
    }

    /// <summary>Stores <paramref name="localUserId"/>'s tokens, as a finish would have.</summary>
    public Task ConnectAsync(string localUserId = TestData.Alice, string? accessToken = null) =>
        App.Store.SaveAsync(localUserId,
            new HumanTokens(TestData.HumanId, accessToken ?? TestData.AccessToken, TestData.PublicToken, TestData.ClientUserIdOf(localUserId)),
            TestContext.Current.CancellationToken);

    public IHumanUserData DataFor(string localUserId = TestData.Alice)
    {
        var scope = App.Services.CreateScope();
        _scopes.Add(scope);
        return scope.ServiceProvider.GetRequiredService<IHumanDataClient>().ForUser(localUserId);
    }

    /// <summary>Log records of one event, by name.</summary>
    public int Logged(string eventName) => App.Logs.GetSnapshot().Count(record => record.Id.Name == eventName);

    /// <summary>
    /// The end-of-test check: the app's (no stray Connect call, no secret in a response or a log record), and that
    /// the token travelled in the Authorization header of every data request and in no URL.
    /// </summary>
    public void AssertCleanAndNoLeaks()
    {
        Assert.All(Fake.Requests, request =>
        {
            Assert.DoesNotContain(TestData.AccessToken, request.Path + request.Query, StringComparison.Ordinal);
            Assert.DoesNotContain("access_token", request.Query, StringComparison.OrdinalIgnoreCase);
        });
        App.AssertCleanUpstreamAndNoLeaks();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var scope in _scopes)
        {
            scope.Dispose();
        }

        await App.DisposeAsync();
        await Fake.DisposeAsync();
    }
}

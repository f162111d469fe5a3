using HumanConnect.AspNetCore.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HumanConnect.AspNetCore.Tests;

/// <summary><c>AddTokenStore(factory)</c>: a host store built by its own factory, used by both endpoints with the lifetime asked for.</summary>
public sealed class TokenStoreRegistrationTests
{
    private static Task<TestApp> StartWithFactoryStoreAsync(HostTokenStoreBackend backend, Action factoryCalled, ServiceLifetime? lifetime = null) =>
        TestApp.StartAsync(
            humanConnect: connect =>
            {
                IHumanTokenStore Create(IServiceProvider services)
                {
                    factoryCalled();
                    return new HostTokenStore(services.GetRequiredService<HostTokenStoreBackend>());
                }

                if (lifetime is { } chosen)
                {
                    connect.AddTokenStore(Create, chosen);
                }
                else
                {
                    connect.AddTokenStore(Create);
                }
            },
            services: services => services.AddSingleton(backend));

    [Fact]
    public async Task Both_endpoints_use_a_store_registered_with_a_factory()
    {
        var backend = new HostTokenStoreBackend();
        var created = 0;
        await using var app = await StartWithFactoryStoreAsync(backend, () => Interlocked.Increment(ref created));
        app.Upstream.ExpectTokens(UpstreamAnswers.Json(TestData.TokensAnswer()));
        app.Upstream.ExpectPublicTokens(UpstreamAnswers.Json(new { humanId = TestData.HumanId, publicToken = TestData.NewPublicToken }));

        await (await app.FinishAsync(TestData.SessionTokenObject())).AssertOkJsonAsync();
        await (await app.PublicTokenAsync()).AssertOkJsonAsync();

        Assert.Equal(["save alice", "get alice", "save alice"], backend.Calls);
        Assert.Equal(TestData.AccessToken, backend.Records[TestData.Alice].AccessToken);
        Assert.Equal(TestData.NewPublicToken, backend.Records[TestData.Alice].PublicToken);

        // Scoped by default: one store per request.
        Assert.Equal(2, Volatile.Read(ref created));
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task A_factory_store_registered_as_a_singleton_is_created_once()
    {
        var backend = new HostTokenStoreBackend();
        var created = 0;
        await using var app = await StartWithFactoryStoreAsync(backend, () => Interlocked.Increment(ref created), ServiceLifetime.Singleton);
        app.Upstream.ExpectTokens(UpstreamAnswers.Json(TestData.TokensAnswer()));
        app.Upstream.ExpectTokens(UpstreamAnswers.Json(TestData.TokensAnswer()));

        var second = TestData.SessionTokenObject();
        second["sessionToken"] = "9947d233d1594fc2a4bd3ee232247042";   // a second Connect session, exchanged too

        await (await app.FinishAsync(TestData.SessionTokenObject())).AssertOkJsonAsync();
        await (await app.FinishAsync(second)).AssertOkJsonAsync();

        Assert.Equal(["save alice", "save alice"], backend.Calls);
        Assert.Equal(1, Volatile.Read(ref created));
        app.AssertCleanUpstreamAndNoLeaks();
    }
}

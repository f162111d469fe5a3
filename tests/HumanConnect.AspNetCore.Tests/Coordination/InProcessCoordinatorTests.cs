using HumanConnect.AspNetCore.Coordination;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HumanConnect.AspNetCore.Tests.Coordination;

/// <summary>The default coordinator, on a fake clock: the shared specification, and that memory stays bounded.</summary>
public sealed class InProcessCoordinatorTests : CoordinatorSpecification
{
    private readonly FakeTimeProvider _time = new();
    private readonly InProcessHumanConnectCoordinator _coordinator;

    public InProcessCoordinatorTests() => _coordinator = new InProcessHumanConnectCoordinator(_time);

    protected override IHumanConnectCoordinator Coordinator => _coordinator;

    protected override Task WaitUntilExpiredAsync(string key, TimeSpan timeToLive)
    {
        _time.Advance(timeToLive);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Expired_entries_nobody_touches_again_are_swept()
    {
        for (var i = 0; i < 100; i++)
        {
            await _coordinator.TryAcquireAsync(NewKey(), "owner", TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        }

        _time.Advance(InProcessHumanConnectCoordinator.SweepInterval);
        await _coordinator.TryAcquireAsync(NewKey(), "owner", TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);

        Assert.Equal(1, _coordinator.Count);
    }

    [Fact]
    public void AddHumanConnect_registers_it_as_the_default_coordinator()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddHumanConnect(options => options.ClientId = TestData.ClientId);

        using var provider = services.BuildServiceProvider();

        Assert.IsType<InProcessHumanConnectCoordinator>(provider.GetRequiredService<IHumanConnectCoordinator>());
    }
}

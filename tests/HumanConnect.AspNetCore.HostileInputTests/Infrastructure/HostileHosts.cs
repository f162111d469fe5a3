namespace HumanConnect.AspNetCore.HostileInputTests.Infrastructure;

/// <summary>
/// The hosts every case runs against, shared by the whole suite: the app in Production (the contract's host), and the
/// same app in Development, where an exception would reach the body through the developer exception page; each once
/// in the legacy flow and once in Connect v2, where <c>POST /connect/sync</c> is live and its body is read.
/// </summary>
public sealed class HostileHosts : IAsyncLifetime
{
    /// <summary>Real session tokens minted per legacy host: a case takes at most one.</summary>
    private static int SessionPool => AllCases.Book.All.Count;

    internal HostileHost Production { get; private set; } = null!;

    internal HostileHost Development { get; private set; } = null!;

    internal HostileHost ProductionV2 { get; private set; } = null!;

    internal HostileHost DevelopmentV2 { get; private set; } = null!;

    /// <summary>Every host, each with the cases that run on it.</summary>
    internal IEnumerable<(HostileHost Host, CaseBook Book)> All =>
        [(Production, AllCases.Book), (Development, AllCases.Book), (ProductionV2, AllCases.ConnectV2Book), (DevelopmentV2, AllCases.ConnectV2Book)];

    public async ValueTask InitializeAsync()
    {
        var starting = new[]
        {
            HostileHost.StartAsync("Production", SessionPool, CancellationToken.None),
            HostileHost.StartAsync("Development", SessionPool, CancellationToken.None),
            HostileHost.StartAsync("Production", 0, CancellationToken.None, HumanConnectVersion.V2),
            HostileHost.StartAsync("Development", 0, CancellationToken.None, HumanConnectVersion.V2),
        };
        try
        {
            await Task.WhenAll(starting);
        }
        finally
        {
            // Whichever started is kept, so DisposeAsync stops it even when another failed.
            HostileHost? Started(int index) => starting[index].IsCompletedSuccessfully ? starting[index].Result : null;
            Production = Started(0)!;
            Development = Started(1)!;
            ProductionV2 = Started(2)!;
            DevelopmentV2 = Started(3)!;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in new[] { Production, Development, ProductionV2, DevelopmentV2 })
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }
        }
    }
}

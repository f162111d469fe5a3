namespace HumanConnect.AspNetCore.HostileInputTests.Infrastructure;

/// <summary>
/// The two hosts every case runs against, shared by the whole suite: the app in Production (the contract's host),
/// and the same app in Development, where an exception would reach the body through the developer exception page.
/// </summary>
public sealed class HostileHosts : IAsyncLifetime
{
    /// <summary>Real session tokens minted per host: a case takes at most one.</summary>
    private static int SessionPool => AllCases.Book.All.Count;

    internal HostileHost Production { get; private set; } = null!;

    internal HostileHost Development { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var production = HostileHost.StartAsync("Production", SessionPool, CancellationToken.None);
        var development = HostileHost.StartAsync("Development", SessionPool, CancellationToken.None);
        try
        {
            await Task.WhenAll(production, development);
        }
        finally
        {
            // Whichever started is kept, so DisposeAsync stops it even when the other failed.
            Production = production.IsCompletedSuccessfully ? await production : null!;
            Development = development.IsCompletedSuccessfully ? await development : null!;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Production is not null)
        {
            await Production.DisposeAsync();
        }

        if (Development is not null)
        {
            await Development.DisposeAsync();
        }
    }
}

namespace HumanConnect.AspNetCore.Endpoints;

/// <summary>
/// The name <c>MapHumanConnect</c> gave the finish endpoint (the one the button links to), derived from the final route patterns so that links made
/// with <c>LinkGenerator</c> carry any group prefix and the request's PathBase. The first mapping wins.
/// </summary>
internal sealed class HumanConnectEndpointNames
{
    private string? _finish;

    public string? Finish => Volatile.Read(ref _finish);

    public void SetFinish(string name) => Interlocked.CompareExchange(ref _finish, name, null);

    private string? _sync;

    /// <summary>The name of Connect v2's sync endpoint, which the v2 button links to.</summary>
    public string? Sync => Volatile.Read(ref _sync);

    public void SetSync(string name) => Interlocked.CompareExchange(ref _sync, name, null);
}

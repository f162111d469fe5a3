namespace HumanConnect.AspNetCore.Endpoints;

/// <summary>
/// The names <c>MapHumanConnect</c> gave the endpoints pages link to (finish for the button, disconnect for the
/// disconnect control, options for front ends that are not Razor), derived from the final route patterns so that
/// links made with <c>LinkGenerator</c> carry any group prefix and the request's PathBase. The first mapping wins.
/// </summary>
internal sealed class HumanConnectEndpointNames
{
    private string? _finish;
    private string? _disconnect;
    private string? _options;

    /// <summary><c>POST {prefix}/connect/finish</c>, the one the button posts to.</summary>
    public string? Finish => Volatile.Read(ref _finish);

    /// <summary><c>POST {prefix}/connect/disconnect</c>, the one the disconnect control posts to.</summary>
    public string? Disconnect => Volatile.Read(ref _disconnect);

    /// <summary><c>GET {prefix}/connect/options</c>, the Connect options as JSON.</summary>
    public string? Options => Volatile.Read(ref _options);

    public void SetFinish(string name) => Interlocked.CompareExchange(ref _finish, name, null);

    public void SetDisconnect(string name) => Interlocked.CompareExchange(ref _disconnect, name, null);

    public void SetOptions(string name) => Interlocked.CompareExchange(ref _options, name, null);

    private string? _sync;

    /// <summary>The name of Connect v2's sync endpoint, which the v2 button links to.</summary>
    public string? Sync => Volatile.Read(ref _sync);

    public void SetSync(string name) => Interlocked.CompareExchange(ref _sync, name, null);
}

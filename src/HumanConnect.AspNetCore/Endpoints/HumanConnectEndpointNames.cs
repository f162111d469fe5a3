namespace HumanConnect.AspNetCore.Endpoints;

/// <summary>
/// The names <c>MapHumanConnect</c> gave the endpoints the page links to (finish for the button, disconnect for the
/// disconnect control), derived from the final route patterns so that links made with <c>LinkGenerator</c> carry any
/// group prefix and the request's PathBase. The first mapping wins.
/// </summary>
internal sealed class HumanConnectEndpointNames
{
    private string? _finish;
    private string? _disconnect;

    public string? Finish => Volatile.Read(ref _finish);

    public string? Disconnect => Volatile.Read(ref _disconnect);

    public void SetFinish(string name) => Interlocked.CompareExchange(ref _finish, name, null);

    public void SetDisconnect(string name) => Interlocked.CompareExchange(ref _disconnect, name, null);
}

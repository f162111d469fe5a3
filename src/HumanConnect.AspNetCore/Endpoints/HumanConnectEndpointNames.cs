namespace HumanConnect.AspNetCore.Endpoints;

/// <summary>
/// The endpoint names <c>MapHumanConnect</c> chose, derived from the final route patterns so that links made
/// with <c>LinkGenerator</c> carry any group prefix and the request's PathBase. The first mapping wins.
/// </summary>
internal sealed class HumanConnectEndpointNames
{
    private string? _finish;
    private string? _publicToken;

    public string? Finish => Volatile.Read(ref _finish);

    public string? PublicToken => Volatile.Read(ref _publicToken);

    public void SetFinish(string name) => Interlocked.CompareExchange(ref _finish, name, null);

    public void SetPublicToken(string name) => Interlocked.CompareExchange(ref _publicToken, name, null);
}

namespace HumanConnect.AspNetCore.Endpoints;

/// <summary>
/// What the endpoint filters established about the current request, handed on to the handler: who is signed in,
/// and the sessionTokenObject once it has been read.
/// </summary>
internal sealed class HumanConnectRequestFeature(string localUserId)
{
    public string LocalUserId { get; } = localUserId;

    public SessionTokenObject? SessionToken { get; set; }
}

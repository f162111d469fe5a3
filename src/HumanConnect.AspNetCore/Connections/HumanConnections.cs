using HumanConnect.AspNetCore.Flow;

namespace HumanConnect.AspNetCore.Connections;

/// <summary>The registered <see cref="IHumanConnections"/>: the flow's disconnect, its failure named for hosts.</summary>
internal sealed class HumanConnections(HumanConnectFlow flow) : IHumanConnections
{
    public async Task<HumanDisconnectResult> DisconnectAsync(string localUserId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(localUserId);
        var outcome = await flow.DisconnectAsync(localUserId, cancellationToken);
        return new HumanDisconnectResult(outcome.Failure switch
        {
            HumanConnectFailure.None => HumanDisconnectFailure.None,
            HumanConnectFailure.NotConnected => HumanDisconnectFailure.NotConnected,
            HumanConnectFailure.AppKeyRejected => HumanDisconnectFailure.AppKeyRejected,
            HumanConnectFailure.UpstreamRejected => HumanDisconnectFailure.UpstreamRejected,
            HumanConnectFailure.UpstreamTimeout => HumanDisconnectFailure.UpstreamTimeout,
            HumanConnectFailure.ConcurrentRequest => HumanDisconnectFailure.ConcurrentRequest,
            HumanConnectFailure.StoreUnavailable => HumanDisconnectFailure.StoreUnavailable,
            _ => HumanDisconnectFailure.UpstreamUnavailable,
        }, outcome.HumanApiUserDeleted);
    }
}

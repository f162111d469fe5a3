using HumanConnect.AspNetCore.Flow;
using Microsoft.AspNetCore.Http;

namespace HumanConnect.AspNetCore.DataClient;

/// <summary>The registered <see cref="IHumanDataClient"/>: scoped, like the flow and the store it reads through.</summary>
internal sealed class HumanDataClient(HumanDataFlow flow, IHumanConnectUserResolver users) : IHumanDataClient
{
    public IHumanUserData ForUser(string localUserId)
    {
        ArgumentException.ThrowIfNullOrEmpty(localUserId);
        return new HumanUserData(localUserId, flow);
    }

    public IHumanUserData? ForUser(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        return users.GetLocalUserId(httpContext) is { } localUserId ? new HumanUserData(localUserId, flow) : null;
    }
}

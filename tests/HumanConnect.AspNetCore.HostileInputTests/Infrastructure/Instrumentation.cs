using Microsoft.AspNetCore.Http;

namespace HumanConnect.AspNetCore.HostileInputTests.Infrastructure;

/// <summary>
/// Sits in the library's HTTP client to Human API: every request it sends is "a call to Human API", filed under the
/// case whose inbound request made it (the handler runs in that request's async flow, so the accessor sees it).
/// </summary>
internal sealed class CountingUpstreamHandler(CaseLedger ledger, IHttpContextAccessor accessor) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ledger.RecordUpstreamCall(accessor.HttpContext, $"{request.Method} {request.RequestUri?.AbsolutePath}");
        return base.SendAsync(request, cancellationToken);
    }
}

/// <summary>
/// Wraps the library's own default store: reads pass through, and every write is filed under the case that made it,
/// so a write is pinned on its case even while other cases run. Each write is also counted when it starts and when
/// it ends, so a case can tell a record that changed under it from one it changed.
/// </summary>
internal sealed class RecordingTokenStore(IHumanTokenStore inner, CaseLedger ledger, IHttpContextAccessor accessor) : IHumanTokenStore
{
    public Task<HumanTokens?> GetAsync(string localUserId, CancellationToken cancellationToken) =>
        inner.GetAsync(localUserId, cancellationToken);

    public async Task SaveAsync(string localUserId, HumanTokens tokens, CancellationToken cancellationToken)
    {
        ledger.StoreWriteStarting(accessor.HttpContext, $"save {localUserId}", localUserId);
        try
        {
            await inner.SaveAsync(localUserId, tokens, cancellationToken);
        }
        finally
        {
            ledger.StoreWriteEnded(localUserId);
        }
    }

    public async Task RemoveAsync(string localUserId, CancellationToken cancellationToken)
    {
        ledger.StoreWriteStarting(accessor.HttpContext, $"remove {localUserId}", localUserId);
        try
        {
            await inner.RemoveAsync(localUserId, cancellationToken);
        }
        finally
        {
            ledger.StoreWriteEnded(localUserId);
        }
    }
}

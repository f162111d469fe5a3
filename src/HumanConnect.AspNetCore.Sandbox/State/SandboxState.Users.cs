namespace HumanConnect.AspNetCore.Sandbox.State;

/// <summary>The sandbox's state as the data API and the Application API read and change it.</summary>
internal sealed partial class SandboxState
{
    /// <summary>
    /// The user a data API token belongs to: a legacy accessToken, or a Connect v2 access token that has not expired.
    /// <see langword="null"/> for a token never issued, an expired v2 token, or a deleted user's token. The data API's
    /// one lookup: both flows' tokens read the same user's data.
    /// </summary>
    public SandboxUserView? FindByAccessToken(string accessToken)
    {
        var now = _time.GetUtcNow();
        return _persistence.Run(() =>
            _users.TryGetByAccessToken(accessToken, out var human) || TryFindByConnectAccessToken(accessToken, now, out human)
                ? View(human)
                : null);
    }

    /// <summary>Every user of the app <paramref name="clientId"/>, oldest first.</summary>
    public IReadOnlyList<SandboxUserView> ListUsers(string clientId) =>
        _persistence.Run(() => _users.All.Where(human => human.ClientId == clientId).Select(View).ToArray());

    /// <summary>One user of the app <paramref name="clientId"/>; <see langword="null"/> when there is none.</summary>
    public SandboxUserView? FindUser(string clientId, string humanId) => _persistence.Run(() =>
        _users.TryGetByHumanId(humanId, out var human) && human.ClientId == clientId ? View(human) : null);

    /// <summary>
    /// Deletes a user of the app <paramref name="clientId"/>, as Human API's Application API does: their tokens stop
    /// working (Connect v2's too), their open Connect sessions end, and a later Connect for the same clientUserId
    /// starts in create mode. The state file forgets them too. <see langword="false"/> when there was no such user.
    /// </summary>
    public bool DeleteUser(string clientId, string humanId) => _persistence.Run(() =>
    {
        if (!_users.TryGetByHumanId(humanId, out var human) || human.ClientId != clientId)
        {
            return false;
        }

        _users.Delete(human);
        _sessions.RemoveForHuman(human.HumanId);
        RemoveConnectTokensOf(human.HumanId);
        return true;
    });

    private SandboxUserView View(SandboxHuman human) => new(
        human.HumanId, human.ClientId, human.ClientUserId,
        [.. _options.DemoSources.Where(human.Sources.Contains)], human.CreatedAt, human.UpdatedAt);
}

namespace HumanConnect.AspNetCore.Storage;

/// <summary>The serialized shape of <see cref="HumanTokens"/> inside the default store, versioned for future changes.</summary>
internal sealed record StoredTokens(int Version, string HumanId, string AccessToken, string? PublicToken, string ClientUserId)
{
    public const int CurrentVersion = 1;

    public static StoredTokens From(HumanTokens tokens) =>
        new(CurrentVersion, tokens.HumanId, tokens.AccessToken, tokens.PublicToken, tokens.ClientUserId);

    public HumanTokens ToTokens() => new(HumanId, AccessToken, PublicToken, ClientUserId);

    /// <summary>Keeps the access token out of any accidental log of this record.</summary>
    public override string ToString() => $"StoredTokens {{ Version = {Version}, HumanId = {HumanId} }}";
}

namespace HumanConnect.AspNetCore.Storage;

/// <summary>The serialized shape of <see cref="HumanTokens"/> inside the default store, versioned for future changes.</summary>
/// <remarks>
/// <see cref="ConnectVersion"/> and <see cref="SourcesConnected"/> are written only for a Connect v2 record (a legacy
/// record is byte for byte what earlier releases wrote), and read as absent (legacy, connected) from older records.
/// An earlier release reading a v2 record ignores them and sees a humanId with an empty access token.
/// </remarks>
internal sealed record StoredTokens(int Version, string HumanId, string AccessToken, string? PublicToken, string ClientUserId)
{
    public const int CurrentVersion = 1;

    /// <summary>1 for a Connect v2 record; absent for a legacy one.</summary>
    public int? ConnectVersion { get; init; }

    /// <summary>Set in a Connect v2 record only.</summary>
    public bool? SourcesConnected { get; init; }

    public static StoredTokens From(HumanTokens tokens) =>
        new(CurrentVersion, tokens.HumanId, tokens.AccessToken, tokens.PublicToken, tokens.ClientUserId)
        {
            ConnectVersion = tokens.ConnectVersion == HumanConnectVersion.Legacy ? null : (int)tokens.ConnectVersion,
            SourcesConnected = tokens.ConnectVersion == HumanConnectVersion.Legacy ? null : tokens.SourcesConnected,
        };

    public HumanTokens ToTokens() => new(HumanId, AccessToken, PublicToken, ClientUserId)
    {
        ConnectVersion = ConnectVersion is { } version ? (HumanConnectVersion)version : HumanConnectVersion.Legacy,
        SourcesConnected = SourcesConnected ?? true,
    };

    /// <summary>Keeps the access token out of any accidental log of this record.</summary>
    public override string ToString() => $"StoredTokens {{ Version = {Version}, HumanId = {HumanId} }}";
}

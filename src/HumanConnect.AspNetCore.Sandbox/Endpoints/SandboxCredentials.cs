using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace HumanConnect.AspNetCore.Sandbox.Endpoints;

/// <summary>Checks a request's clientId, clientSecret or App Key against the sandbox's, in constant time.</summary>
internal sealed class SandboxCredentials(IOptions<HumanApiSandboxOptions> options)
{
    private readonly byte[] _clientIdHash = Hash(options.Value.ClientId);
    private readonly byte[] _clientSecretHash = Hash(options.Value.ClientSecret);
    private readonly byte[] _appKeyHash = Hash(options.Value.AppKey);

    /// <summary>Compares hashes so that neither the secret's content nor its length shows in the timing.</summary>
    public bool AreValid(string? clientId, string? clientSecret) =>
        clientId is not null && clientSecret is not null
        & CryptographicOperations.FixedTimeEquals(Hash(clientId ?? string.Empty), _clientIdHash)
        & CryptographicOperations.FixedTimeEquals(Hash(clientSecret ?? string.Empty), _clientSecretHash);

    /// <summary>The Application API's check: this app's clientId (from the path) and its App Key, both compared in full.</summary>
    public bool IsAppKeyValid(string? clientId, string? appKey) =>
        clientId is not null && appKey is not null
        & CryptographicOperations.FixedTimeEquals(Hash(clientId ?? string.Empty), _clientIdHash)
        & CryptographicOperations.FixedTimeEquals(Hash(appKey ?? string.Empty), _appKeyHash);

    private static byte[] Hash(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));
}

namespace HumanConnect.AspNetCore.Endpoints;

/// <summary>
/// The fixed bounds of what the endpoints read. They are not options: a sessionTokenObject is three short
/// strings, so there is nothing a host would need to raise them for.
/// </summary>
internal static class HumanConnectRequestLimits
{
    /// <summary>The largest request body either endpoint reads: 8 KiB.</summary>
    public const int MaxBodyBytes = 8 * 1024;

    /// <summary>The longest value accepted for a field of the sessionTokenObject: 256 characters.</summary>
    public const int MaxFieldLength = 256;

    /// <summary>A sessionTokenObject has three fields; a form with the antiforgery field and a few extras stays far below.</summary>
    public const int MaxFormFields = 32;

    /// <summary>Field names are short; a longer one is not a sessionTokenObject's.</summary>
    public const int MaxFormKeyLength = 128;
}

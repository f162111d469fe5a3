using Microsoft.Extensions.Logging;

namespace HumanConnect.AspNetCore.EntityFrameworkCore.Store;

/// <summary>
/// Every log event of the EF Core store, in id order (2001 and up, apart from the library's and the sandbox's). An
/// id keeps its meaning and is never reused. No event carries a token or a local user id.
/// </summary>
internal static partial class EntityFrameworkStoreLog
{
    [LoggerMessage(2001, LogLevel.Error, "A stored Human Connect record's access token can no longer be decrypted (its Data Protection key is gone); it reads as the humanId alone until the user connects again.", EventName = "StoreRecordUnreadable")]
    public static partial void RecordUnreadable(ILogger logger);
}

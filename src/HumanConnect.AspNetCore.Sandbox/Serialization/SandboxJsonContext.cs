using System.Text.Json;
using System.Text.Json.Serialization;
using HumanConnect.AspNetCore.Sandbox.State;

namespace HumanConnect.AspNetCore.Sandbox.Serialization;

/// <summary>
/// Source-generated JSON for every shape the sandbox reads or writes. A field named twice is refused rather than
/// letting the last one win: parsers disagree on which one counts, so such a body has no one meaning. That holds for
/// the state file too, which the sandbox only ever writes without repeats.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    AllowDuplicateProperties = false)]
[JsonSerializable(typeof(TokensRequest))]
[JsonSerializable(typeof(TokensAnswer))]
[JsonSerializable(typeof(PublicTokensRequest))]
[JsonSerializable(typeof(PublicTokensAnswer))]
[JsonSerializable(typeof(SessionTokenObject))]
[JsonSerializable(typeof(LegacyError))]
[JsonSerializable(typeof(SessionsRequest))]
[JsonSerializable(typeof(UiOpenRequest))]
[JsonSerializable(typeof(UiSourceRequest))]
[JsonSerializable(typeof(UiDoneRequest))]
[JsonSerializable(typeof(UiSessionView))]
[JsonSerializable(typeof(UiDoneAnswer))]
[JsonSerializable(typeof(FaultRequest))]
[JsonSerializable(typeof(SandboxSnapshot))]
internal sealed partial class SandboxJsonContext : JsonSerializerContext;

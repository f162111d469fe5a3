using System.Text.Json;
using System.Text.Json.Serialization;
using HumanConnect.AspNetCore.Sandbox.Data;
using HumanConnect.AspNetCore.Sandbox.State;

namespace HumanConnect.AspNetCore.Sandbox.Serialization;

/// <summary>
/// Source-generated JSON for every shape the sandbox reads or writes. A field named twice is refused rather than
/// letting the last one win: parsers disagree on which one counts, so such a body has no one meaning. That holds for
/// the state file too, which the sandbox only ever writes without repeats. Absent optional fields are left out, so
/// an answer never carries a <c>null</c> Human API would not send.
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
[JsonSerializable(typeof(HumanSummary))]
[JsonSerializable(typeof(HumanProfile))]
[JsonSerializable(typeof(EmptyObject))]
[JsonSerializable(typeof(ConnectedSource))]
[JsonSerializable(typeof(Reading))]
[JsonSerializable(typeof(BloodPressureReading))]
[JsonSerializable(typeof(Activity))]
[JsonSerializable(typeof(ActivitySummary))]
[JsonSerializable(typeof(Sleep))]
[JsonSerializable(typeof(SleepSummary))]
[JsonSerializable(typeof(HeartRateSummary))]
[JsonSerializable(typeof(Medication))]
[JsonSerializable(typeof(Allergy))]
[JsonSerializable(typeof(Encounter))]
[JsonSerializable(typeof(MedicalOrganization))]
[JsonSerializable(typeof(MedicalProfile))]
[JsonSerializable(typeof(ApplicationUser))]
[JsonSerializable(typeof(List<EmptyObject>))]
[JsonSerializable(typeof(List<ConnectedSource>))]
[JsonSerializable(typeof(List<Reading>))]
[JsonSerializable(typeof(List<BloodPressureReading>))]
[JsonSerializable(typeof(List<Activity>))]
[JsonSerializable(typeof(List<ActivitySummary>))]
[JsonSerializable(typeof(List<Sleep>))]
[JsonSerializable(typeof(List<SleepSummary>))]
[JsonSerializable(typeof(List<HeartRateSummary>))]
[JsonSerializable(typeof(List<Medication>))]
[JsonSerializable(typeof(List<Allergy>))]
[JsonSerializable(typeof(List<Encounter>))]
[JsonSerializable(typeof(List<MedicalOrganization>))]
[JsonSerializable(typeof(List<MedicalProfile>))]
[JsonSerializable(typeof(List<ApplicationUser>))]
[JsonSerializable(typeof(ConnectPageRequest))]
[JsonSerializable(typeof(ConnectPageSourceRequest))]
[JsonSerializable(typeof(ConnectPageView))]
[JsonSerializable(typeof(ConnectError))]
internal sealed partial class SandboxJsonContext : JsonSerializerContext;

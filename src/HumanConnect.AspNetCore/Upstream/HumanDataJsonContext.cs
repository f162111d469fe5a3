using System.Text.Json;
using System.Text.Json.Serialization;

namespace HumanConnect.AspNetCore.Upstream;

/// <summary>
/// Source-generated JSON for the data API's answers. Web defaults (camelCase, case-insensitive names, numbers also
/// read from strings); unknown fields are kept in each record's <c>ExtensionData</c>.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(HumanProfile))]
[JsonSerializable(typeof(HumanSummary))]
[JsonSerializable(typeof(List<HumanSource>))]
[JsonSerializable(typeof(HumanMeasurement))]
[JsonSerializable(typeof(List<HumanMeasurement>))]
[JsonSerializable(typeof(HumanActivity))]
[JsonSerializable(typeof(List<HumanActivity>))]
[JsonSerializable(typeof(HumanActivitySummary))]
[JsonSerializable(typeof(OneOrMany<HumanActivitySummary>))]
[JsonSerializable(typeof(List<HumanActivitySummary>))]
[JsonSerializable(typeof(HumanSleep))]
[JsonSerializable(typeof(List<HumanSleep>))]
[JsonSerializable(typeof(HumanSleepSummary))]
[JsonSerializable(typeof(OneOrMany<HumanSleepSummary>))]
[JsonSerializable(typeof(List<HumanSleepSummary>))]
[JsonSerializable(typeof(HumanHeartRateSummary))]
[JsonSerializable(typeof(OneOrMany<HumanHeartRateSummary>))]
[JsonSerializable(typeof(List<HumanHeartRateSummary>))]
[JsonSerializable(typeof(HumanLocation))]
[JsonSerializable(typeof(List<HumanLocation>))]
[JsonSerializable(typeof(HumanMedicalProfile))]
[JsonSerializable(typeof(HumanMedication))]
[JsonSerializable(typeof(List<HumanMedication>))]
[JsonSerializable(typeof(HumanAllergy))]
[JsonSerializable(typeof(List<HumanAllergy>))]
[JsonSerializable(typeof(HumanEncounter))]
[JsonSerializable(typeof(List<HumanEncounter>))]
[JsonSerializable(typeof(HumanTestResult))]
[JsonSerializable(typeof(List<HumanTestResult>))]
[JsonSerializable(typeof(HumanVital))]
[JsonSerializable(typeof(List<HumanVital>))]
[JsonSerializable(typeof(HumanImmunization))]
[JsonSerializable(typeof(List<HumanImmunization>))]
[JsonSerializable(typeof(HumanProblem))]
[JsonSerializable(typeof(List<HumanProblem>))]
internal sealed partial class HumanDataJsonContext : JsonSerializerContext;

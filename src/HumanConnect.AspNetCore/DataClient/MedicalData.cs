using System.Text.Json.Serialization.Metadata;
using HumanConnect.AspNetCore.Upstream;

namespace HumanConnect.AspNetCore.DataClient;

/// <summary>The user's medical records under <c>medical/</c>.</summary>
internal sealed class MedicalData(UserDataReader reader) : IHumanMedicalData
{
    private static readonly HumanDataJsonContext Json = HumanDataJsonContext.Default;

    public IHumanRecordData<HumanMedication> Medications { get; } = Records(reader, "medications", Json.HumanMedication, Json.ListHumanMedication);

    public IHumanRecordData<HumanAllergy> Allergies { get; } = Records(reader, "allergies", Json.HumanAllergy, Json.ListHumanAllergy);

    public IHumanRecordData<HumanEncounter> Encounters { get; } = Records(reader, "encounters", Json.HumanEncounter, Json.ListHumanEncounter);

    public IHumanRecordData<HumanTestResult> TestResults { get; } = Records(reader, "test_results", Json.HumanTestResult, Json.ListHumanTestResult);

    public IHumanRecordData<HumanVital> Vitals { get; } = Records(reader, "vitals", Json.HumanVital, Json.ListHumanVital);

    public IHumanRecordData<HumanImmunization> Immunizations { get; } =
        Records(reader, "immunizations", Json.HumanImmunization, Json.ListHumanImmunization);

    public IHumanRecordData<HumanProblem> Problems { get; } = Records(reader, "issues", Json.HumanProblem, Json.ListHumanProblem);

    /// <summary>Human API answers 404 when the records hold no profile: that is "none", not a failure.</summary>
    public Task<HumanDataResult<HumanMedicalProfile?>> GetProfileAsync(CancellationToken cancellationToken = default) =>
        reader.GetOptionalAsync(HumanDataPaths.MedicalProfile, HumanDataPaths.MedicalProfile, Json.HumanMedicalProfile,
            notFoundIsNone: true, cancellationToken);

    private static RecordData<T> Records<T>(UserDataReader reader, string type, JsonTypeInfo<T> one, JsonTypeInfo<List<T>> many) =>
        new(reader, HumanDataPaths.Medical(type), one, many);
}

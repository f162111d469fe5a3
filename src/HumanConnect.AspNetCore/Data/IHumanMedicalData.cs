namespace HumanConnect.AspNetCore;

/// <summary>The user's medical records, by kind. Every value in them is a string.</summary>
public interface IHumanMedicalData
{
    /// <summary>The demographics of the records (<c>medical/profile</c>).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The profile, a success with a <see langword="null"/> value when there is none (Human API answers 404 or <c>{}</c>), or a failure.</returns>
    Task<HumanDataResult<HumanMedicalProfile?>> GetProfileAsync(CancellationToken cancellationToken = default);

    /// <summary>Medications (<c>medical/medications</c>).</summary>
    IHumanRecordData<HumanMedication> Medications { get; }

    /// <summary>Allergies (<c>medical/allergies</c>).</summary>
    IHumanRecordData<HumanAllergy> Allergies { get; }

    /// <summary>Encounters (<c>medical/encounters</c>).</summary>
    IHumanRecordData<HumanEncounter> Encounters { get; }

    /// <summary>Test results (<c>medical/test_results</c>).</summary>
    IHumanRecordData<HumanTestResult> TestResults { get; }

    /// <summary>Vitals (<c>medical/vitals</c>).</summary>
    IHumanRecordData<HumanVital> Vitals { get; }

    /// <summary>Immunizations (<c>medical/immunizations</c>).</summary>
    IHumanRecordData<HumanImmunization> Immunizations { get; }

    /// <summary>Problems (<c>medical/issues</c>).</summary>
    IHumanRecordData<HumanProblem> Problems { get; }
}

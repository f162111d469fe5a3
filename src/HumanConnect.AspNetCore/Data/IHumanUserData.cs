namespace HumanConnect.AspNetCore;

/// <summary>
/// One user's health data at Human API, by family. Get one from <see cref="IHumanDataClient.ForUser(string)"/>; it is
/// cheap, holds no token and may be kept for the user's request or job.
/// </summary>
public interface IHumanUserData
{
    /// <summary>The host's id for the user whose data this reads.</summary>
    string LocalUserId { get; }

    /// <summary>The user's profile (<c>GET /profile</c>).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The profile, or a failure.</returns>
    Task<HumanDataResult<HumanProfile>> GetProfileAsync(CancellationToken cancellationToken = default);

    /// <summary>The summary of the human (<c>GET /</c>): the latest of each measurement, activity and sleep summary.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The summary, or a failure.</returns>
    Task<HumanDataResult<HumanSummary>> GetSummaryAsync(CancellationToken cancellationToken = default);

    /// <summary>The sources the user connected (<c>GET /sources</c>); an empty list when there are none.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The sources, or a failure.</returns>
    Task<HumanDataResult<IReadOnlyList<HumanSource>>> GetSourcesAsync(CancellationToken cancellationToken = default);

    /// <summary>Heart rate readings (<c>heart_rate</c>).</summary>
    IHumanMeasurementData HeartRate { get; }

    /// <summary>Blood pressure readings (<c>blood_pressure</c>): systolic, diastolic, sometimes heart rate.</summary>
    IHumanMeasurementData BloodPressure { get; }

    /// <summary>Blood glucose readings (<c>blood_glucose</c>).</summary>
    IHumanMeasurementData BloodGlucose { get; }

    /// <summary>Blood oxygen readings (<c>blood_oxygen</c>).</summary>
    IHumanMeasurementData BloodOxygen { get; }

    /// <summary>BMI readings (<c>bmi</c>).</summary>
    IHumanMeasurementData Bmi { get; }

    /// <summary>Body fat readings (<c>body_fat</c>).</summary>
    IHumanMeasurementData BodyFat { get; }

    /// <summary>Height readings (<c>height</c>).</summary>
    IHumanMeasurementData Height { get; }

    /// <summary>Weight readings (<c>weight</c>).</summary>
    IHumanMeasurementData Weight { get; }

    /// <summary>Activities (<c>activities</c>) and their daily summaries.</summary>
    IHumanPeriodicData<HumanActivity, HumanActivitySummary> Activities { get; }

    /// <summary>Sleeps (<c>sleeps</c>) and their daily summaries.</summary>
    IHumanPeriodicData<HumanSleep, HumanSleepSummary> Sleeps { get; }

    /// <summary>Daily heart rate summaries (<c>heart_rate/summaries</c>).</summary>
    IHumanSummaryData<HumanHeartRateSummary> HeartRateSummaries { get; }

    /// <summary>Locations (<c>locations</c>).</summary>
    IHumanDailyData<HumanLocation> Locations { get; }

    /// <summary>The user's medical records (<c>medical/...</c>).</summary>
    IHumanMedicalData Medical { get; }
}

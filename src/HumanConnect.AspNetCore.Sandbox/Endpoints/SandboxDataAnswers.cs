using System.Text.Json.Serialization.Metadata;
using HumanConnect.AspNetCore.Sandbox.Data;
using HumanConnect.AspNetCore.Sandbox.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;

namespace HumanConnect.AspNetCore.Sandbox.Endpoints;

/// <summary>
/// Answers a parsed data API request from one human's demo data: picks the family, then the shape (latest, list,
/// day, by id, by date). Families the sandbox does not generate answer as empty: <c>[]</c>, <c>{}</c> for a latest
/// reading, 404 for an id.
/// </summary>
internal static class SandboxDataAnswers
{
    private static readonly IReadOnlyList<DemoItem<EmptyObject>> None = [];

    public static IResult Answer(HttpContext httpContext, DemoData data, DataRoute route, DataQuery query, ILogger logger)
    {
        var json = SandboxJsonContext.Default;
        var answer = new Answerer(httpContext, route, query, logger);
        return route.Family switch
        {
            "" => TypedResults.Json(data.Summary(), json.HumanSummary),
            "profile" => TypedResults.Json(data.Profile(), json.HumanProfile),
            "sources" => answer.Of(data.Sources(), json.ConnectedSource, json.ListConnectedSource),
            "heart_rate" => answer.Of(data.HeartRate(), json.Reading, json.ListReading),
            "heart_rate/summaries" => answer.Of(data.HeartRateSummaries(), json.HeartRateSummary, json.ListHeartRateSummary),
            "blood_pressure" => answer.Of(data.BloodPressure(), json.BloodPressureReading, json.ListBloodPressureReading),
            "weight" => answer.Of(data.Weight(), json.Reading, json.ListReading),
            "activities" => answer.Of(data.Activities(query.TimeSeries), json.Activity, json.ListActivity),
            "activities/summaries" => answer.Of(data.ActivitySummaries(), json.ActivitySummary, json.ListActivitySummary),
            "sleeps" => answer.Of(data.Sleeps(query.TimeSeries), json.Sleep, json.ListSleep),
            "sleeps/summaries" => answer.Of(data.SleepSummaries(), json.SleepSummary, json.ListSleepSummary),
            "medical/medications" => answer.Of(data.Medications(), json.Medication, json.ListMedication),
            "medical/allergies" => answer.Of(data.Allergies(), json.Allergy, json.ListAllergy),
            "medical/encounters" => answer.Of(data.Encounters(), json.Encounter, json.ListEncounter),
            "medical/organizations" => answer.Of(data.Organizations(), json.MedicalOrganization, json.ListMedicalOrganization),
            "medical/profile" => answer.Of(data.MedicalProfiles(), json.MedicalProfile, json.ListMedicalProfile),
            _ => answer.Of(None, json.EmptyObject, json.ListEmptyObject),
        };
    }

    private sealed class Answerer(HttpContext httpContext, DataRoute route, DataQuery query, ILogger logger)
    {
        public IResult Of<T>(IReadOnlyList<DemoItem<T>> items, JsonTypeInfo<T> one, JsonTypeInfo<List<T>> many)
            where T : class
        {
            switch (route.Shape)
            {
                case DataShape.Latest:
                    var latest = query.Filter(items).FirstOrDefault();
                    logger.DataRead(route.Family, "latest", latest is null ? 0 : 1, items.Count);
                    return latest is null
                        ? TypedResults.Json(new EmptyObject(), SandboxJsonContext.Default.EmptyObject)
                        : TypedResults.Json(latest.Record, one);

                case DataShape.List:
                    return Page(query.Filter(items), many);

                case DataShape.Daily:
                    return Page(query.Filter(items).Where(item => item.Day == route.Date), many);

                case DataShape.ById:
                    return One(items.FirstOrDefault(item => item.Id == route.Id), one, $"There is no record with this id in {route.Family}.");

                case DataShape.ByDate:
                    return One(query.Filter(items).FirstOrDefault(item => item.Day == route.Date), one, $"There is no {route.Family} record for this date.");

                default:
                    return One(items.Count > 0 ? items[0] : null, one, $"There is no {route.Family} for this human.");
            }
        }

        private IResult One<T>(DemoItem<T>? item, JsonTypeInfo<T> one, string missing)
        {
            logger.DataRead(route.Family, route.Shape.ToString(), item is null ? 0 : 1, item is null ? 0 : 1);
            return item is null ? SandboxProblems.NotFound(missing) : TypedResults.Json(item.Record, one);
        }

        /// <summary>A page, with <c>X-Total-Count</c> and the <c>Link</c> header Human API sends.</summary>
        private JsonHttpResult<List<T>> Page<T>(IEnumerable<DemoItem<T>> matching, JsonTypeInfo<List<T>> many)
        {
            var all = matching.ToList();
            var page = DataPaging.Page(all, query.Limit, query.Offset);
            var request = httpContext.Request;
            var url = UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path);
            var headers = httpContext.Response.Headers;
            headers["X-Total-Count"] = all.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (DataPaging.Links(url, request.QueryString.Value ?? string.Empty, all.Count, query.Limit, query.Offset) is { } links)
            {
                headers.Link = links;
            }

            logger.DataRead(route.Family, route.Shape.ToString(), page.Count, all.Count);
            return TypedResults.Json(page.ConvertAll(item => item.Record), many);
        }
    }
}

using System.Reflection;
using Microsoft.Extensions.Logging;

namespace HumanConnect.AspNetCore.Sandbox.Tests;

/// <summary>
/// The sandbox's log events live in one registry, <see cref="SandboxLog"/>, with ids operators can rely on: unique,
/// ascending in the file, in the sandbox's own range, each with a unique name.
/// </summary>
public sealed class LogEventRegistryTests
{
    private const int FirstId = 1001;
    private const int LastId = 1999;

    [Fact]
    public void Every_log_event_of_the_sandbox_assembly_is_declared_in_SandboxLog()
    {
        var declaringTypes = LoggerMessages(typeof(SandboxLog).Assembly).Select(message => message.Method.DeclaringType).Distinct();

        Assert.Equal([typeof(SandboxLog)], declaringTypes);
    }

    [Fact]
    public void SandboxLog_ids_are_unique_ascending_in_range_and_named_uniquely()
    {
        var attributes = LoggerMessages(typeof(SandboxLog).Assembly).Select(message => message.Attribute).ToList();

        Assert.True(attributes.Count >= 6, $"only {attributes.Count} log events were found in SandboxLog");
        Assert.Empty(Problems(attributes));
    }

    [Fact]
    public void The_check_reports_a_reused_id_a_reused_or_missing_name_an_id_out_of_range_and_ids_out_of_order()
    {
        var problems = Problems([
            new LoggerMessageAttribute(1001, LogLevel.Information, "a") { EventName = "SandboxA" },
            new LoggerMessageAttribute(1003, LogLevel.Information, "b") { EventName = "SandboxB" },
            new LoggerMessageAttribute(1002, LogLevel.Information, "c") { EventName = "SandboxC" },
            new LoggerMessageAttribute(1003, LogLevel.Information, "d") { EventName = "SandboxA" },
            new LoggerMessageAttribute(1004, LogLevel.Information, "e"),
            new LoggerMessageAttribute(7, LogLevel.Information, "f") { EventName = "SandboxF" },
        ]);

        Assert.Equal(
            [
                "id 1002 (SandboxC) follows 1003: ids must ascend in the file",
                "id 7 (SandboxF) follows 1004: ids must ascend in the file",
                "id 1003 is used by SandboxB and SandboxA",
                "id 1004 has no EventName",
                "id 7 (SandboxF) is outside 1001-1999",
                "EventName SandboxA is used by ids 1001 and 1003",
            ],
            problems);
    }

    /// <summary>Every <c>[LoggerMessage]</c> method of the assembly, in declaration order within each type.</summary>
    private static List<(MethodInfo Method, LoggerMessageAttribute Attribute)> LoggerMessages(Assembly assembly) =>
        [.. assembly.GetTypes()
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(method => (Method: method, Attribute: method.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(message => message.Attribute is not null)
            .OrderBy(message => message.Method.MetadataToken)
            .Select(message => (message.Method, message.Attribute!))];

    /// <summary>What is wrong with a registry's events, given in declaration order; empty when nothing is.</summary>
    private static List<string> Problems(List<LoggerMessageAttribute> attributes)
    {
        var problems = new List<string>();
        for (var i = 1; i < attributes.Count; i++)
        {
            if (attributes[i].EventId <= attributes[i - 1].EventId)
            {
                problems.Add($"id {attributes[i].EventId} ({attributes[i].EventName}) follows {attributes[i - 1].EventId}: ids must ascend in the file");
            }
        }

        problems.AddRange(attributes.GroupBy(attribute => attribute.EventId).Where(group => group.Count() > 1)
            .Select(group => $"id {group.Key} is used by {string.Join(" and ", group.Select(attribute => attribute.EventName))}"));
        problems.AddRange(attributes.Where(attribute => string.IsNullOrEmpty(attribute.EventName))
            .Select(attribute => $"id {attribute.EventId} has no EventName"));
        problems.AddRange(attributes.Where(attribute => attribute.EventId is < FirstId or > LastId)
            .Select(attribute => $"id {attribute.EventId} ({attribute.EventName}) is outside {FirstId}-{LastId}"));
        problems.AddRange(attributes.Where(attribute => !string.IsNullOrEmpty(attribute.EventName))
            .GroupBy(attribute => attribute.EventName, StringComparer.Ordinal).Where(group => group.Count() > 1)
            .Select(group => $"EventName {group.Key} is used by ids {string.Join(" and ", group.Select(attribute => attribute.EventId))}"));
        return problems;
    }
}

using System.Net;
using System.Text.Json;
using HumanConnect.AspNetCore.Sandbox.State;
using HumanConnect.AspNetCore.Sandbox.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HumanConnect.AspNetCore.Sandbox.Tests;

/// <summary>With a state file, a restarted sandbox still knows its users, as Human API would.</summary>
public sealed class StateFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("hc-sandbox-state-").FullName;

    private string StateFile => Path.Combine(_directory, "sandbox-state.json");

    [Fact]
    public async Task A_restarted_sandbox_accepts_the_stored_publicToken_and_humanId()
    {
        string humanId, publicToken, accessToken;
        await using (var before = await StartAsync())
        {
            var tokens = await before.ConnectNewUserAsync("user-1");
            (humanId, publicToken, accessToken) = (tokens.GetProperty("humanId").GetString()!,
                tokens.GetProperty("publicToken").GetString()!, tokens.GetProperty("accessToken").GetString()!);
        }

        await using var after = await StartAsync();
        var edit = await after.CreateSessionAsync("user-1", publicToken, ["Starfleet Medical"]);
        using var exchange = await after.ExchangeAsync(edit);
        var answer = await SandboxApp.ReadJsonAsync(exchange);
        using var createAgain = await after.PostAsync("/sandbox/v1/connect/sessions",
            new { clientId = SandboxApp.ClientId, clientSecret = SandboxApp.ClientSecret, clientUserId = "user-1" });

        Assert.Equal(HttpStatusCode.OK, exchange.StatusCode);
        Assert.Equal(humanId, answer.GetProperty("humanId").GetString());
        Assert.Equal(accessToken, answer.GetProperty("accessToken").GetString());
        Assert.NotEqual(publicToken, answer.GetProperty("publicToken").GetString());
        Assert.Equal(HttpStatusCode.Conflict, createAgain.StatusCode);
    }

    [Fact]
    public async Task Without_a_state_file_a_restart_forgets_everyone()
    {
        string publicToken;
        await using (var before = await SandboxApp.StartAsync())
        {
            publicToken = (await before.ConnectNewUserAsync("user-1")).GetProperty("publicToken").GetString()!;
        }

        await using var after = await SandboxApp.StartAsync();
        using var open = await after.PostAsync("/sandbox/v1/ui/open", new { publicToken });

        Assert.Equal(HttpStatusCode.Unauthorized, open.StatusCode);
    }

    [Theory]
    [InlineData("{\"humans\":[{\"humanId\":")]
    [InlineData("not json at all")]
    [InlineData("{\"humans\":[{\"humanId\":null,\"clientId\":\"c\",\"clientUserId\":\"u\",\"accessToken\":\"a\",\"publicToken\":\"p\",\"sources\":[]}]}")]
    [InlineData("{\"humans\":[{\"humanId\":\"h\",\"clientId\":\"c\",\"clientUserId\":\"u\",\"accessToken\":\"a\",\"publicToken\":\"p\",\"sources\":[]},{\"humanId\":\"h\",\"clientId\":\"c\",\"clientUserId\":\"v\",\"accessToken\":\"b\",\"publicToken\":\"q\",\"sources\":[]}]}")]
    [InlineData("{\"humans\":{}}")]
    public async Task An_unreadable_state_file_fails_start_up_naming_the_file_and_how_to_recover(string content)
    {
        await File.WriteAllTextAsync(StateFile, content, TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(StartAsync);

        Assert.Contains(StateFile, error.Message, StringComparison.Ordinal);
        Assert.Contains("Delete the file", error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(HumanApiSandboxOptions.StateFilePath), error.Message, StringComparison.Ordinal);
        Assert.True(error.InnerException is null or JsonException);
    }

    [Fact]
    public async Task A_relative_state_file_is_under_the_content_root_not_the_current_directory()
    {
        var relative = Path.Combine("state-" + Guid.NewGuid().ToString("N"), "sandbox.json");
        try
        {
            await using (var sandbox = await SandboxApp.StartAsync(
                configureServices: services => services.Configure<HumanApiSandboxOptions>(o => o.StateFilePath = relative),
                contentRoot: _directory))
            {
                await sandbox.ConnectNewUserAsync("user-1");
            }

            Assert.True(File.Exists(Path.Combine(_directory, relative)), "the state file is not under the content root");
            Assert.False(File.Exists(Path.GetFullPath(relative)), "the state file was written under the current directory");
        }
        finally
        {
            // Only there when the sandbox resolved the path against the current directory.
            var stray = Path.GetDirectoryName(Path.GetFullPath(relative))!;
            if (Directory.Exists(stray))
            {
                Directory.Delete(stray, recursive: true);
            }
        }
    }

    [Fact]
    public async Task A_failing_write_is_logged_without_secrets_the_exchange_still_answers_and_the_next_change_writes_it()
    {
        // A directory where the file should be: every write fails until it is gone.
        Directory.CreateDirectory(StateFile);
        await using var sandbox = await StartAsync();

        var tokens = await sandbox.ConnectNewUserAsync("user-1");
        var failures = sandbox.Host.Logs.GetSnapshot().Where(record => record.Id.Name == "SandboxStateFileWriteFailed").ToList();
        Directory.Delete(StateFile);
        using var rotated = await sandbox.PublicTokensAsync(tokens.GetProperty("humanId").GetString()!);
        var publicToken = (await SandboxApp.ReadJsonAsync(rotated)).GetProperty("publicToken").GetString()!;

        Assert.NotEmpty(failures);
        Assert.All(failures, record => Assert.Equal(LogLevel.Warning, record.Level));
        Assert.Contains(StateFile, failures[0].Message, StringComparison.Ordinal);
        var logs = sandbox.Host.AllLogText();
        Assert.DoesNotContain(tokens.GetProperty("accessToken").GetString()!, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(tokens.GetProperty("publicToken").GetString()!, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(SandboxApp.ClientSecret, logs, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var onDisk = Assert.Single(new SandboxStateFile(StateFile, NullLogger.Instance).Load());
        Assert.Equal(publicToken, onDisk.PublicToken);
    }

    [Fact]
    public async Task Every_change_answered_in_a_parallel_burst_is_already_on_disk_when_its_answer_arrives()
    {
        await using var sandbox = await StartAsync();

        // Forty connects at once, then at once forty publicToken rotations of those users: the writes are grouped,
        // yet each answer waits until the file holds its change.
        var connected = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => sandbox.ConnectNewUserAsync($"burst-{i}")));
        var onDiskAfterConnects = new SandboxStateFile(StateFile, NullLogger.Instance).Load();
        var rotated = await Task.WhenAll(connected.Select(async tokens =>
        {
            using var answer = await sandbox.PublicTokensAsync(tokens.GetProperty("humanId").GetString()!);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            return (await SandboxApp.ReadJsonAsync(answer)).GetProperty("publicToken").GetString()!;
        }));
        var onDisk = new SandboxStateFile(StateFile, NullLogger.Instance).Load();

        Assert.Equal(40, onDiskAfterConnects.Count);
        Assert.Equal(
            rotated.Order(StringComparer.Ordinal),
            onDisk.Select(human => human.PublicToken).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_older_snapshot_arriving_late_never_replaces_a_newer_one()
    {
        var file = new SandboxStateFile(StateFile, NullLogger.Instance);
        var older = new SandboxSnapshot([new SandboxHumanRecord("h1", "c", "u1", "a1", "p-old", [])]);
        var newer = new SandboxSnapshot([new SandboxHumanRecord("h1", "c", "u1", "a1", "p-new", [])]);

        file.Save(newer, version: 2);
        file.Save(older, version: 1);

        Assert.Equal("p-new", Assert.Single(file.Load()).PublicToken);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private Task<SandboxApp> StartAsync() =>
        SandboxApp.StartAsync(configureServices: services => services.Configure<HumanApiSandboxOptions>(o => o.StateFilePath = StateFile));
}

using System.Text.Json;
using HumanConnect.AspNetCore.Sandbox.Serialization;
using Microsoft.Extensions.Logging;

namespace HumanConnect.AspNetCore.Sandbox.State;

/// <summary>
/// Keeps the sandbox's users (not its short-lived sessions) in a JSON file, so the tokens a host stored stay valid
/// when the host restarts, as they would at Human API. Written whole to a temporary file and then moved into place,
/// so a crash mid-write leaves the previous snapshot.
/// </summary>
/// <remarks>
/// <see cref="SandboxPersistence"/> writes after leaving the state's lock, so that disk latency never holds up requests
/// that change nothing. Each write carries the version its snapshot was taken at; a change already covered by a
/// write (its version at or below what is on disk) is not written again, and an older snapshot never replaces a newer.
/// </remarks>
internal sealed class SandboxStateFile(string path, ILogger logger)
{
    private readonly Lock _writeGate = new();
    private long _writtenVersion;

    /// <summary>The file's full path.</summary>
    public string FullPath { get; } = Path.GetFullPath(path);

    /// <summary>The users kept in the file; none when there is no file yet.</summary>
    /// <exception cref="InvalidOperationException">The file exists but is not a state file the sandbox can read.</exception>
    public IReadOnlyList<SandboxHumanRecord> Load()
    {
        if (!File.Exists(FullPath))
        {
            return [];
        }

        SandboxSnapshot? snapshot;
        try
        {
            using var stream = File.OpenRead(FullPath);
            snapshot = JsonSerializer.Deserialize(stream, SandboxJsonContext.Default.SandboxSnapshot);
        }
        catch (JsonException ex)
        {
            throw Unreadable(ex);
        }

        var humans = snapshot?.Humans ?? [];
        if (!humans.All(IsComplete)
            || humans.DistinctBy(human => human.HumanId, StringComparer.Ordinal).Count() != humans.Length
            || humans.DistinctBy(human => human.PublicToken, StringComparer.Ordinal).Count() != humans.Length
            || humans.DistinctBy(human => human.AccessToken, StringComparer.Ordinal).Count() != humans.Length
            || humans.DistinctBy(human => (human.ClientId, human.ClientUserId)).Count() != humans.Length)
        {
            throw Unreadable(null);
        }

        return humans;
    }

    /// <summary>
    /// Makes sure the change made at <paramref name="version"/> is on disk: unless a write since has covered it, takes a
    /// fresh snapshot with <paramref name="capture"/> (which covers every change made up to now) and writes it.
    /// </summary>
    public void SaveThrough(long version, Func<(SandboxSnapshot Snapshot, long Version)> capture)
    {
        lock (_writeGate)
        {
            if (version > _writtenVersion)
            {
                var (snapshot, captured) = capture();
                Write(snapshot, captured);
            }
        }
    }

    /// <summary>Writes <paramref name="snapshot"/>, unless a newer version is already on disk.</summary>
    public void Save(SandboxSnapshot snapshot, long version)
    {
        lock (_writeGate)
        {
            if (version > _writtenVersion)
            {
                Write(snapshot, version);
            }
        }
    }

    /// <summary>
    /// A failing disk is logged, not thrown: the change it records has already happened in memory, its request is
    /// answered all the same, and the next change writes the whole state again.
    /// </summary>
    private void Write(SandboxSnapshot snapshot, long version)
    {
        var temporary = FullPath + ".tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(FullPath)!);
            File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(snapshot, SandboxJsonContext.Default.SandboxSnapshot));
            File.Move(temporary, FullPath, overwrite: true);
            _writtenVersion = version;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The exception tells which file and why (its message names the path, never the content).
            logger.StateFileWriteFailed(FullPath, ex);
        }
    }

    private static bool IsComplete(SandboxHumanRecord? human) =>
        human is not null
        && !string.IsNullOrEmpty(human.HumanId)
        && !string.IsNullOrEmpty(human.ClientId)
        && !string.IsNullOrEmpty(human.ClientUserId)
        && !string.IsNullOrEmpty(human.AccessToken)
        && !string.IsNullOrEmpty(human.PublicToken)
        && human.Sources is not null
        && human.Sources.All(source => source is not null);

    // Names the file and the way out; says nothing of its content, which holds (sandbox) tokens.
    private InvalidOperationException Unreadable(Exception? inner) => new(
        $"The Human API sandbox cannot read its state file '{FullPath}' (HumanApiSandboxOptions.StateFilePath): it is not " +
        "valid JSON of the shape the sandbox writes. Delete the file to start the sandbox empty (hosts must then connect " +
        "their users again), or point StateFilePath elsewhere.", inner);
}

/// <summary>The sandbox's users as kept on disk.</summary>
internal sealed record SandboxSnapshot(SandboxHumanRecord[] Humans);

/// <summary>
/// One sandbox user as kept on disk. Sandbox tokens only: they open nothing outside the sandbox. The times are
/// missing from files written before the Application API existed; such users read as created when the file is loaded.
/// </summary>
internal sealed record SandboxHumanRecord(
    string HumanId, string ClientId, string ClientUserId, string AccessToken, string PublicToken, string[] Sources,
    DateTimeOffset? CreatedAt = null, DateTimeOffset? UpdatedAt = null)
{
    public override string ToString() => $"SandboxHumanRecord {{ HumanId = {HumanId} }}";
}

using System.Text.Json;
using HumanConnect.AspNetCore.Sandbox.Serialization;

namespace HumanConnect.AspNetCore.Sandbox.State;

/// <summary>
/// Keeps the sandbox's users (not its short-lived sessions) in a JSON file, so the tokens a host stored stay valid
/// when the host restarts, as they would at Human API. Written whole to a temporary file and then moved into place,
/// so a crash mid-write leaves the previous snapshot.
/// </summary>
internal sealed class SandboxStateFile(string path)
{
    public IReadOnlyList<SandboxHumanRecord> Load()
    {
        if (!File.Exists(path))
        {
            return [];
        }

        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize(stream, SandboxJsonContext.Default.SandboxSnapshot)?.Humans ?? [];
    }

    public void Save(IEnumerable<SandboxHuman> humans)
    {
        var snapshot = new SandboxSnapshot([.. humans.Select(human => new SandboxHumanRecord(
            human.HumanId, human.ClientId, human.ClientUserId, human.AccessToken, human.PublicToken, [.. human.Sources]))]);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(snapshot, SandboxJsonContext.Default.SandboxSnapshot));
        File.Move(temporary, path, overwrite: true);
    }
}

/// <summary>The sandbox's users as kept on disk.</summary>
internal sealed record SandboxSnapshot(SandboxHumanRecord[] Humans);

/// <summary>One sandbox user as kept on disk. Sandbox tokens only: they open nothing outside the sandbox.</summary>
internal sealed record SandboxHumanRecord(string HumanId, string ClientId, string ClientUserId, string AccessToken, string PublicToken, string[] Sources)
{
    public override string ToString() => $"SandboxHumanRecord {{ HumanId = {HumanId} }}";
}

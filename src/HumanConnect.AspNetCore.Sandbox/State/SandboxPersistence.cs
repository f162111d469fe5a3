using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HumanConnect.AspNetCore.Sandbox.State;

/// <summary>
/// Holds the one lock over the sandbox's state and keeps its users in the state file, when there is one. The two
/// belong together: a change must be snapshotted before the lock is released (so no half-done change is written)
/// and written after (so disk latency holds up no other request).
/// </summary>
internal sealed class SandboxPersistence
{
    private readonly Lock _gate = new();
    private readonly SandboxStateFile? _file;
    private long _lastVersion;

    /// <summary>Loads the state file, if there is one; a relative path is under the host's content root.</summary>
    /// <param name="options">The sandbox's options, naming the state file.</param>
    /// <param name="logger">Where a failing state file is reported.</param>
    /// <param name="environment">The host, whose content root anchors a relative state file; the current directory without one.</param>
    /// <param name="loadedAt">Now: the creation time of users kept by an earlier release, which wrote no times.</param>
    /// <exception cref="InvalidOperationException">The state file exists but cannot be read.</exception>
    public SandboxPersistence(HumanApiSandboxOptions options, ILogger logger, IHostEnvironment? environment, DateTimeOffset loadedAt)
    {
        if (!string.IsNullOrEmpty(options.StateFilePath))
        {
            var root = environment?.ContentRootPath is { Length: > 0 } contentRoot ? contentRoot : Directory.GetCurrentDirectory();
            _file = new SandboxStateFile(Path.GetFullPath(options.StateFilePath, root), logger);
        }

        Users = new SandboxUsers(_file?.Load() ?? [], loadedAt);
        _lastVersion = Users.Version;
    }

    /// <summary>The users kept in the file. Touch them only inside <see cref="Run{T}"/>.</summary>
    public SandboxUsers Users { get; }

    /// <summary>
    /// Runs <paramref name="operation"/> under the lock. When it changed a user, it returns only once the file holds
    /// that change (or a write of it failed and was logged). Writes are group commits: a request that changed a user
    /// while another write was under way waits for it, then one snapshot, taken when its turn comes, carries every
    /// change made meanwhile. So a burst of N changes costs a few whole-file writes, not N, and no answer is given
    /// before its change is on disk.
    /// </summary>
    public T Run<T>(Func<T> operation)
    {
        long changedAt = 0;
        T result;
        lock (_gate)
        {
            result = operation();
            if (_file is not null && Users.Version != _lastVersion)
            {
                changedAt = _lastVersion = Users.Version;
            }
        }

        if (changedAt != 0)
        {
            _file!.SaveThrough(changedAt, Capture);
        }

        return result;
    }

    // Taken under the state's lock, so the snapshot never holds a half-done change.
    private (SandboxSnapshot Snapshot, long Version) Capture()
    {
        lock (_gate)
        {
            return (Users.Snapshot(), Users.Version);
        }
    }
}

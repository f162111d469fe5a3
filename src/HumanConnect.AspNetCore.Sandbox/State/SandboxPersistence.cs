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
    private long _capturedVersion;

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
        _capturedVersion = Users.Version;
    }

    /// <summary>The users kept in the file. Touch them only inside <see cref="Run{T}"/>.</summary>
    public SandboxUsers Users { get; }

    /// <summary>
    /// Runs <paramref name="operation"/> under the lock. When it changed a user, the users are snapshotted before
    /// the lock is released and written after it; the snapshot's version lets the file drop a write that loses a
    /// race to a newer one.
    /// </summary>
    public T Run<T>(Func<T> operation)
    {
        SandboxSnapshot? snapshot = null;
        long version = 0;
        T result;
        lock (_gate)
        {
            result = operation();
            if (_file is not null && Users.Version != _capturedVersion)
            {
                version = _capturedVersion = Users.Version;
                snapshot = Users.Snapshot();
            }
        }

        if (snapshot is not null)
        {
            _file!.Save(snapshot, version);
        }

        return result;
    }
}

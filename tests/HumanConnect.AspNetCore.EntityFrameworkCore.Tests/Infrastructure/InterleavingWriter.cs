using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace HumanConnect.AspNetCore.EntityFrameworkCore.Tests.Infrastructure;

/// <summary>
/// Makes a race happen on cue instead of by luck: just before a context saves, it runs <see cref="Competitor"/> (another
/// writer, in its own scope) to completion, so the save then meets a row that changed after it was read. Idle until
/// <see cref="Arm"/>, so a test's setup saves run undisturbed.
/// </summary>
public sealed class InterleavingWriter : SaveChangesInterceptor
{
    // The competitor's own save passes through this interceptor too; it must not interleave with itself.
    private static readonly AsyncLocal<bool> InCompetitor = new();
    private Func<Task> _competitor = () => Task.CompletedTask;
    private Func<Task>? _afterFailure;
    private int _remaining;
    private int _interleaved;

    /// <summary>How many times a competitor ran before a save.</summary>
    public int Interleaved => Volatile.Read(ref _interleaved);

    /// <summary>
    /// Runs <paramref name="competitor"/> before each of the next <paramref name="times"/> saves, and
    /// <paramref name="afterFailure"/> (once) when a save fails, before the store can react to the failure.
    /// </summary>
    public void Arm(int times, Func<Task> competitor, Func<Task>? afterFailure = null)
    {
        _competitor = competitor;
        _afterFailure = afterFailure;
        Volatile.Write(ref _remaining, times);
    }

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (!InCompetitor.Value && Interlocked.Exchange(ref _afterFailure, null) is { } afterFailure)
        {
            InCompetitor.Value = true;
            try
            {
                await afterFailure();
            }
            finally
            {
                InCompetitor.Value = false;
            }
        }
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (!InCompetitor.Value && Interlocked.Decrement(ref _remaining) >= 0)
        {
            InCompetitor.Value = true;
            try
            {
                await _competitor();
            }
            finally
            {
                InCompetitor.Value = false;
            }

            Interlocked.Increment(ref _interleaved);
        }

        return result;
    }
}

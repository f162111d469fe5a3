namespace HumanConnect.AspNetCore.Tests.Infrastructure;

/// <summary>
/// The system clock, except that every timer fires at once: the data client's pauses between attempts take no
/// time, and each pause asked for is recorded, so a test can check the wait without sitting through it.
/// </summary>
internal sealed class InstantClock : TimeProvider
{
    private readonly List<TimeSpan> _delays = [];

    public IReadOnlyList<TimeSpan> Delays
    {
        get
        {
            lock (_delays)
            {
                return [.. _delays];
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        lock (_delays)
        {
            _delays.Add(dueTime);
        }

        return System.CreateTimer(callback, state, TimeSpan.Zero, period);
    }
}

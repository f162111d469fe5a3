namespace HumanConnect.AspNetCore.Sandbox.Faults;

/// <summary>The pending faults of each endpoint, consumed one per request in the order they were injected.</summary>
internal sealed class SandboxFaults : IHumanApiSandboxFaults
{
    private static readonly SandboxEndpoint[] Endpoints =
        [SandboxEndpoint.Tokens, SandboxEndpoint.PublicTokens, SandboxEndpoint.DataApi, SandboxEndpoint.ApplicationApi, SandboxEndpoint.ConnectToken];

    // One lock for every queue: injection and consumption are rare and tiny, and "All" must land atomically.
    private readonly Lock _gate = new();
    private readonly Dictionary<SandboxEndpoint, LinkedList<PendingFault>> _queues = Endpoints.ToDictionary(endpoint => endpoint, _ => new LinkedList<PendingFault>());

    public void InjectFault(SandboxEndpoint endpoints, SandboxFault fault, int count = 1)
    {
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if ((endpoints & SandboxEndpoint.All) == 0 || (endpoints & ~SandboxEndpoint.All) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(endpoints), endpoints, "Name Tokens, PublicTokens, DataApi, ApplicationApi, ConnectToken, or a combination.");
        }

        lock (_gate)
        {
            foreach (var endpoint in Endpoints.Where(endpoint => endpoints.HasFlag(endpoint)))
            {
                _queues[endpoint].AddLast(new PendingFault(fault, count));
            }
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            foreach (var queue in _queues.Values)
            {
                queue.Clear();
            }
        }
    }

    /// <summary>Takes the fault the next request to <paramref name="endpoint"/> plays, or <see langword="null"/> for none.</summary>
    public SandboxFault? Take(SandboxEndpoint endpoint)
    {
        lock (_gate)
        {
            var queue = _queues[endpoint];
            var first = queue.First;
            if (first is null)
            {
                return null;
            }

            if (--first.Value.Remaining == 0)
            {
                queue.RemoveFirst();
            }

            return first.Value.Fault;
        }
    }

    private sealed class PendingFault(SandboxFault fault, int count)
    {
        public SandboxFault Fault { get; } = fault;

        public int Remaining { get; set; } = count;
    }
}

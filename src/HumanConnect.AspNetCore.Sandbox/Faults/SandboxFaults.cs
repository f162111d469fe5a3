namespace HumanConnect.AspNetCore.Sandbox.Faults;

/// <summary>The pending faults of each token endpoint, consumed one per request in the order they were injected.</summary>
internal sealed class SandboxFaults : IHumanApiSandboxFaults
{
    // One lock for both queues: injection and consumption are rare and tiny, and "All" must land atomically.
    private readonly Lock _gate = new();
    private readonly LinkedList<PendingFault> _tokens = new();
    private readonly LinkedList<PendingFault> _publicTokens = new();

    public void InjectFault(SandboxEndpoint endpoints, SandboxFault fault, int count = 1)
    {
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if ((endpoints & SandboxEndpoint.All) == 0 || (endpoints & ~SandboxEndpoint.All) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(endpoints), endpoints, "Name Tokens, PublicTokens or both.");
        }

        lock (_gate)
        {
            if (endpoints.HasFlag(SandboxEndpoint.Tokens))
            {
                _tokens.AddLast(new PendingFault(fault, count));
            }

            if (endpoints.HasFlag(SandboxEndpoint.PublicTokens))
            {
                _publicTokens.AddLast(new PendingFault(fault, count));
            }
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _tokens.Clear();
            _publicTokens.Clear();
        }
    }

    /// <summary>Takes the fault the next request to <paramref name="endpoint"/> plays, or <see langword="null"/> for none.</summary>
    public SandboxFault? Take(SandboxEndpoint endpoint)
    {
        var queue = endpoint == SandboxEndpoint.Tokens ? _tokens : _publicTokens;
        lock (_gate)
        {
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

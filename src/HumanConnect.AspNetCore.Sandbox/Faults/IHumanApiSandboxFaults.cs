namespace HumanConnect.AspNetCore.Sandbox;

/// <summary>
/// Injects faults into the sandbox's endpoints (the legacy token endpoints, Connect v2's token endpoint, the data API,
/// the Application API), from tests in the same process. Scripts reach the same switch over HTTP:
/// <c>POST {prefix}/v1/sandbox/faults</c> to inject, <c>DELETE</c> to reset.
/// </summary>
/// <remarks>Faults are queued per endpoint and consumed in order, one per request, until their count is used up.</remarks>
public interface IHumanApiSandboxFaults
{
    /// <summary>Makes the next <paramref name="count"/> requests to each of <paramref name="endpoints"/> play <paramref name="fault"/>.</summary>
    /// <param name="endpoints">The endpoint or endpoints to fault.</param>
    /// <param name="fault">What to play.</param>
    /// <param name="count">How many requests it affects (at least 1); <see cref="int.MaxValue"/> lasts until <see cref="Reset"/>.</param>
    void InjectFault(SandboxEndpoint endpoints, SandboxFault fault, int count = 1);

    /// <summary>Removes every pending fault. Requests already held by a fault are not released early.</summary>
    void Reset();
}

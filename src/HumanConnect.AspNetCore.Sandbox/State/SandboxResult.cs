namespace HumanConnect.AspNetCore.Sandbox.State;

/// <summary>A value, or the legacy error to answer instead.</summary>
internal readonly record struct SandboxResult<T>(T? Value, SandboxError? Error)
    where T : class
{
    public static implicit operator SandboxResult<T>(T value) => new(value, null);

    public static implicit operator SandboxResult<T>(SandboxError error) => new(null, error);
}

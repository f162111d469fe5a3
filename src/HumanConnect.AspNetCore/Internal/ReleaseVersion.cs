using System.Reflection;

namespace HumanConnect.AspNetCore.Internal;

/// <summary>The library's release version (<c>0.1.0</c>, without the source revision the SDK appends after <c>+</c>).</summary>
internal static class ReleaseVersion
{
    /// <summary>The version, read once from the assembly's informational version.</summary>
    public static readonly string Value =
        typeof(ReleaseVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";
}

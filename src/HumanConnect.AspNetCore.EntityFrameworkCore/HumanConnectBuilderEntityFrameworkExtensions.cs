using HumanConnect.AspNetCore;
using HumanConnect.AspNetCore.EntityFrameworkCore.Store;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Keeps Human Connect's tokens in the host's own Entity Framework Core database.</summary>
public static class HumanConnectBuilderEntityFrameworkExtensions
{
    /// <summary>
    /// Replaces the default token store with one on <typeparamref name="TContext"/>, scoped like the context itself.
    /// The context's model must include the token table (<c>modelBuilder.ApplyHumanConnectTokens()</c>); register the
    /// context as usual (<c>AddDbContext&lt;TContext&gt;</c>).
    /// </summary>
    /// <typeparam name="TContext">The host's <see cref="DbContext"/>, on any relational provider (SQLite, PostgreSQL, SQL Server...).</typeparam>
    /// <param name="builder">The builder <c>AddHumanConnect</c> returned.</param>
    /// <returns>The same builder.</returns>
    /// <remarks>
    /// <para>
    /// The access token is encrypted with ASP.NET Core Data Protection before it reaches the table; persist the key
    /// ring (and share it between instances), or stored tokens become unreadable. The local user id is not stored:
    /// rows are keyed by its SHA-256.
    /// </para>
    /// <para>
    /// Concurrent saves for one user, from any number of instances, leave one whole record, the last one committed:
    /// each save writes only where the row's <c>version</c> is still the one it read, and reads again when another
    /// writer came first. A save calls the context's <c>SaveChangesAsync</c>, so changes pending on the same scoped
    /// context are saved with it, as with ASP.NET Identity's stores. A database failure is thrown to the caller (the
    /// endpoints answer <c>503 store_unavailable</c>); exception messages never carry a token.
    /// </para>
    /// </remarks>
    public static HumanConnectBuilder AddEntityFrameworkTokenStore<TContext>(this HumanConnectBuilder builder)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        return builder.AddTokenStore<EntityFrameworkHumanTokenStore<TContext>>(ServiceLifetime.Scoped);
    }
}

using HumanConnect.AspNetCore.EntityFrameworkCore;
using HumanConnect.AspNetCore.EntityFrameworkCore.Store;

namespace Microsoft.EntityFrameworkCore;

/// <summary>Adds the Human Connect token table to a host's own <see cref="DbContext"/>.</summary>
public static class HumanConnectModelBuilderExtensions
{
    /// <summary>
    /// Maps <see cref="HumanTokenRecord"/> to a table (<c>human_connect_tokens</c> by default) in this model, beside the
    /// host's own entities. Call it from <c>OnModelCreating</c>, then add a migration. Columns: <c>user_key</c> (the
    /// primary key, the lowercase hex SHA-256 of the local user id), <c>human_id</c>, <c>access_token_protected</c>
    /// (the access token, encrypted with Data Protection), <c>public_token</c> (null when lost),
    /// <c>client_user_id</c>, <c>updated_at</c> and <c>version</c> (the optimistic concurrency token).
    /// </summary>
    /// <param name="modelBuilder">The model of the host's <see cref="DbContext"/>.</param>
    /// <param name="tableName">The table's name; lowercase snake_case by default, which needs no quoting on PostgreSQL.</param>
    /// <param name="schema">The table's schema, or <see langword="null"/> for the provider's default (<c>public</c> on PostgreSQL).</param>
    /// <returns>The same model builder.</returns>
    public static ModelBuilder ApplyHumanConnectTokens(this ModelBuilder modelBuilder, string tableName = HumanTokenRecordConfiguration.DefaultTableName, string? schema = null)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        ArgumentException.ThrowIfNullOrWhiteSpace(tableName);
        return modelBuilder.ApplyConfiguration(new HumanTokenRecordConfiguration(tableName, schema));
    }
}

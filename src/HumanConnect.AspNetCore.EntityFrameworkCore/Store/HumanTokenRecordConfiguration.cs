using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HumanConnect.AspNetCore.EntityFrameworkCore.Store;

/// <summary>
/// Maps <see cref="HumanTokenRecord"/> to one table. Names are lowercase snake_case, so PostgreSQL needs no quoting
/// and SQLite, SQL Server and MySQL read them the same way.
/// </summary>
internal sealed class HumanTokenRecordConfiguration(string tableName, string? schema) : IEntityTypeConfiguration<HumanTokenRecord>
{
    public const string DefaultTableName = "human_connect_tokens";

    /// <summary>The length of a lowercase hex SHA-256.</summary>
    private const int UserKeyLength = 64;

    public void Configure(EntityTypeBuilder<HumanTokenRecord> builder)
    {
        builder.ToTable(tableName, schema);
        builder.HasKey(record => record.UserKey).HasName("pk_" + tableName);

        builder.Property(record => record.UserKey).HasColumnName("user_key").HasMaxLength(UserKeyLength).IsUnicode(false)
            .ValueGeneratedNever();
        builder.Property(record => record.HumanId).HasColumnName("human_id").IsRequired();
        builder.Property(record => record.ProtectedAccessToken).HasColumnName("access_token_protected").IsRequired().IsUnicode(false);
        builder.Property(record => record.PublicToken).HasColumnName("public_token");
        builder.Property(record => record.ClientUserId).HasColumnName("client_user_id").IsRequired();
        // Added after the first release: a migration gives existing rows 0 and null, which read as legacy rows.
        builder.Property(record => record.ConnectVersion).HasColumnName("connect_version");
        builder.Property(record => record.SourcesConnected).HasColumnName("sources_connected");
        builder.Property(record => record.UpdatedAt).HasColumnName("updated_at");

        // Set by the store, never by the database: the same column works on every provider (no rowversion, no xmin).
        builder.Property(record => record.Version).HasColumnName("version").IsConcurrencyToken().ValueGeneratedNever();
    }
}

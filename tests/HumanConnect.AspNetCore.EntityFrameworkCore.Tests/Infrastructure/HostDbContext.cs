using Microsoft.EntityFrameworkCore;

namespace HumanConnect.AspNetCore.EntityFrameworkCore.Tests.Infrastructure;

/// <summary>A host's own context, as an application would write it: its entities, plus the Human Connect table.</summary>
public sealed class HostDbContext(DbContextOptions<HostDbContext> options) : DbContext(options)
{
    public DbSet<Customer> Customers => Set<Customer>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Customer>(customer =>
        {
            customer.ToTable("customers");
            customer.Property(c => c.Id).HasColumnName("id").ValueGeneratedNever();
            customer.Property(c => c.Email).HasColumnName("email");
        });
        modelBuilder.ApplyHumanConnectTokens();
    }
}

/// <summary>The host's own entity, saved beside the tokens.</summary>
public sealed class Customer
{
    public required int Id { get; init; }

    public required string Email { get; set; }
}

/// <summary>A context that maps the token table under another name (and a schema where the provider has them).</summary>
public sealed class RenamedTableDbContext(DbContextOptions<RenamedTableDbContext> options) : DbContext(options)
{
    public const string Table = "hc_tokens_renamed";
    public const string PostgresSchema = "hc_schema";

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyHumanConnectTokens(Table, Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL" ? PostgresSchema : null);
}

/// <summary>A context whose token table was never created: every store call must fail, loudly.</summary>
public sealed class MissingTableDbContext(DbContextOptions<MissingTableDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyHumanConnectTokens("hc_never_created");
}

/// <summary>A host that forgot <c>ApplyHumanConnectTokens()</c>.</summary>
public sealed class ForgetfulDbContext(DbContextOptions<ForgetfulDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<Customer>().ToTable("forgetful_customers");
}

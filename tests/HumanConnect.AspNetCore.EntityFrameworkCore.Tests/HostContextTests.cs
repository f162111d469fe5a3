using HumanConnect.AspNetCore.EntityFrameworkCore.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace HumanConnect.AspNetCore.EntityFrameworkCore.Tests;

/// <summary>The token table inside a host's own DbContext, beside the host's entities, as the README documents it.</summary>
public abstract class HostContextTests(TestDatabase database)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_model_maps_the_documented_table_columns_key_and_concurrency_token()
    {
        await using var host = database.BuildHost();
        await using var scope = host.CreateAsyncScope();
        var model = scope.ServiceProvider.GetRequiredService<HostDbContext>().Model;
        var entity = model.FindEntityType(typeof(HumanTokenRecord))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());

        Assert.Equal("human_connect_tokens", entity.GetTableName());
        Assert.Equal("pk_human_connect_tokens", entity.FindPrimaryKey()!.GetName());
        Assert.Equal(
            ["access_token_protected", "client_user_id", "connect_version", "human_id", "public_token", "sources_connected", "updated_at", "user_key", "version"],
            entity.GetProperties().Select(p => p.GetColumnName(table)!).Order(StringComparer.Ordinal));
        Assert.Equal(64, entity.FindProperty(nameof(HumanTokenRecord.UserKey))!.GetMaxLength());
        Assert.Equal([nameof(HumanTokenRecord.Version)], entity.GetProperties().Where(p => p.IsConcurrencyToken).Select(p => p.Name));
        Assert.True(entity.FindProperty(nameof(HumanTokenRecord.PublicToken))!.IsNullable);
        Assert.NotNull(model.FindEntityType(typeof(Customer)));
    }

    [Fact]
    public async Task Tokens_and_the_hosts_own_entities_live_side_by_side_in_one_database()
    {
        await using var host = database.BuildHost();
        var (userId, tokens) = (Fresh.UserId(), Fresh.Tokens());
        var customerId = Random.Shared.Next();

        await using (var scope = host.CreateAsyncScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<HostDbContext>();
            context.Customers.Add(new Customer { Id = customerId, Email = userId + "@example.com" });
            await context.SaveChangesAsync(Cancellation);
            await scope.ServiceProvider.GetRequiredService<IHumanTokenStore>().SaveAsync(userId, tokens, Cancellation);
        }

        await using var reader = host.CreateAsyncScope();
        var readContext = reader.ServiceProvider.GetRequiredService<HostDbContext>();
        Assert.Equal(userId + "@example.com", (await readContext.Customers.SingleAsync(c => c.Id == customerId, Cancellation)).Email);
        Assert.Equal(tokens, await reader.ServiceProvider.GetRequiredService<IHumanTokenStore>().GetAsync(userId, Cancellation));

        // The host may query the table (read-only members), for example by humanId.
        Assert.Equal(TestDatabase.KeyOf(userId),
            (await readContext.Set<HumanTokenRecord>().SingleAsync(r => r.HumanId == tokens.HumanId, Cancellation)).UserKey);
    }

    [Fact]
    public async Task A_save_commits_what_the_host_left_pending_on_the_same_context()
    {
        await using var host = database.BuildHost();
        var customerId = Random.Shared.Next();
        var userId = Fresh.UserId();

        await using (var scope = host.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<HostDbContext>().Customers.Add(new Customer { Id = customerId, Email = "pending@example.com" });
            await scope.ServiceProvider.GetRequiredService<IHumanTokenStore>().SaveAsync(userId, Fresh.Tokens(), Cancellation);
        }

        await using var reader = host.CreateAsyncScope();
        Assert.True(await reader.ServiceProvider.GetRequiredService<HostDbContext>().Customers.AnyAsync(c => c.Id == customerId, Cancellation));
    }

    [Fact]
    public async Task A_row_the_host_read_with_tracking_does_not_block_a_save_in_the_same_scope()
    {
        await using var host = database.BuildHost();
        var (userId, newer) = (Fresh.UserId(), Fresh.Tokens());
        await using var scope = host.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IHumanTokenStore>();
        await store.SaveAsync(userId, Fresh.Tokens(), Cancellation);
        var key = TestDatabase.KeyOf(userId);
        _ = await scope.ServiceProvider.GetRequiredService<HostDbContext>().Set<HumanTokenRecord>().SingleAsync(r => r.UserKey == key, Cancellation);

        await store.SaveAsync(userId, newer, Cancellation);

        Assert.Equal(newer, await store.GetAsync(userId, Cancellation));
    }

    [Fact]
    public async Task A_failing_pending_change_of_the_host_fails_the_save_and_nothing_is_half_written()
    {
        await using var host = database.BuildHost();
        var customerId = Random.Shared.Next();
        var (userId, tokens) = (Fresh.UserId(), Fresh.Tokens());
        await using (var setup = host.CreateAsyncScope())
        {
            var context = setup.ServiceProvider.GetRequiredService<HostDbContext>();
            context.Customers.Add(new Customer { Id = customerId, Email = "first@example.com" });
            await context.SaveChangesAsync(Cancellation);
        }

        await using (var scope = host.CreateAsyncScope())
        {
            // The same key again: the database refuses the host's insert, and the token insert goes with it.
            scope.ServiceProvider.GetRequiredService<HostDbContext>().Customers.Add(new Customer { Id = customerId, Email = "again@example.com" });
            var failure = await Assert.ThrowsAnyAsync<DbUpdateException>(() =>
                scope.ServiceProvider.GetRequiredService<IHumanTokenStore>().SaveAsync(userId, tokens, Cancellation));
            Assert.DoesNotContain(tokens.AccessToken, failure.ToString(), StringComparison.Ordinal);
        }

        await using var reader = host.CreateAsyncScope();
        Assert.Null(await reader.ServiceProvider.GetRequiredService<IHumanTokenStore>().GetAsync(userId, Cancellation));
    }

    [Fact]
    public async Task The_table_name_and_schema_are_the_hosts_to_choose()
    {
        await using var host = database.BuildHost<RenamedTableDbContext>();
        await TestDatabase.CreateTablesAsync<RenamedTableDbContext>(host);
        var (userId, tokens) = (Fresh.UserId(), Fresh.Tokens());
        await using var scope = host.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IHumanTokenStore>();

        await store.SaveAsync(userId, tokens, Cancellation);

        Assert.Equal(tokens, await store.GetAsync(userId, Cancellation));
        var context = scope.ServiceProvider.GetRequiredService<RenamedTableDbContext>();
        var entity = context.Model.FindEntityType(typeof(HumanTokenRecord))!;
        Assert.Equal(RenamedTableDbContext.Table, entity.GetTableName());
        Assert.Equal(context.Database.IsNpgsql() ? RenamedTableDbContext.PostgresSchema : null, entity.GetSchema());
        Assert.Equal(1, await context.Set<HumanTokenRecord>().CountAsync(r => r.UserKey == TestDatabase.KeyOf(userId), Cancellation));
    }

    [Fact]
    public async Task A_context_without_the_token_table_fails_with_the_fix_named()
    {
        await using var host = database.BuildHost<ForgetfulDbContext>();
        await using var scope = host.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IHumanTokenStore>();

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => store.GetAsync(Fresh.UserId(), Cancellation));

        Assert.Contains("ForgetfulDbContext", failure.Message, StringComparison.Ordinal);
        Assert.Contains("modelBuilder.ApplyHumanConnectTokens()", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_table_fails_every_call_with_an_exception_that_names_no_token_or_user()
    {
        await using var host = database.BuildHost<MissingTableDbContext>();
        await using var scope = host.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IHumanTokenStore>();
        var (userId, tokens) = (Fresh.UserId("alice@example.com"), Fresh.Tokens());

        Exception[] failures =
        [
            await Assert.ThrowsAnyAsync<Exception>(() => store.SaveAsync(userId, tokens, Cancellation)),
            await Assert.ThrowsAnyAsync<Exception>(() => store.GetAsync(userId, Cancellation)),
            await Assert.ThrowsAnyAsync<Exception>(() => store.RemoveAsync(userId, Cancellation)),
        ];

        Assert.All(failures, failure =>
        {
            Assert.IsNotAssignableFrom<OperationCanceledException>(failure);
            Assert.DoesNotContain(tokens.AccessToken, failure.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain(userId, failure.ToString(), StringComparison.Ordinal);
        });
    }
}

using System.Security.Cryptography;
using HumanConnect.AspNetCore.EntityFrameworkCore.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HumanConnect.AspNetCore.EntityFrameworkCore.Tests;

/// <summary>What the store leaves in the table, read back with plain SQL: no user id, no readable access token.</summary>
public abstract class StoreAtRestTests(TestDatabase database)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_row_holds_no_local_user_id_and_no_readable_access_token()
    {
        await using var host = database.BuildHost();
        var userId = $"alice.{Guid.NewGuid():N}@example.com";
        var tokens = Fresh.Tokens();

        await SaveAsync(host, userId, tokens);

        var row = await TestDatabase.ReadRawRowAsync(host, userId);
        Assert.Equal(
            ["access_token_protected", "client_user_id", "connect_version", "human_id", "public_token", "sources_connected", "updated_at", "user_key", "version"],
            row.Keys.Order(StringComparer.Ordinal));
        Assert.All(row.Values, value => Assert.DoesNotContain(userId, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "", StringComparison.OrdinalIgnoreCase));
        Assert.All(row.Values, value => Assert.DoesNotContain(tokens.AccessToken, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "", StringComparison.Ordinal));
        Assert.Equal(TestDatabase.KeyOf(userId), row["user_key"]);

        // Not secrets, kept in clear so the host can query them.
        Assert.Equal(tokens.HumanId, row["human_id"]);
        Assert.Equal(tokens.PublicToken, row["public_token"]);
        Assert.Equal(tokens.ClientUserId, row["client_user_id"]);
    }

    [Fact]
    public async Task The_access_token_opens_only_with_the_apps_key_ring()
    {
        await using var host = database.BuildHost();
        await using var otherHost = database.BuildHost();
        var (userId, tokens) = (Fresh.UserId(), Fresh.Tokens());
        await SaveAsync(host, userId, tokens);

        var ciphertext = (string)(await TestDatabase.ReadRawRowAsync(host, userId))["access_token_protected"]!;

        Assert.Equal(tokens.AccessToken, TestDatabase.ProtectorFor(host, userId).Unprotect(ciphertext));
        Assert.ThrowsAny<CryptographicException>(() => TestDatabase.ProtectorFor(otherHost, userId).Unprotect(ciphertext));
        Assert.ThrowsAny<CryptographicException>(() =>
            new EphemeralDataProtectionProvider().CreateProtector(TestDatabase.ProtectorPurpose, TestDatabase.KeyOf(userId)).Unprotect(ciphertext));

        // Same database, another key ring: the access token is gone, never garbage; the humanId alone is left, so
        // the button can heal the record into edit mode and the user reconnect.
        await using var scope = otherHost.CreateAsyncScope();
        var unreadable = await scope.ServiceProvider.GetRequiredService<IHumanTokenStore>().GetAsync(userId, Cancellation);
        Assert.Equal(new HumanTokens(tokens.HumanId, string.Empty, null, tokens.ClientUserId), unreadable);
    }

    [Fact]
    public async Task A_connect_v2_row_says_so_in_clear_and_stays_a_v2_row_when_the_key_ring_is_lost()
    {
        await using var host = database.BuildHost();
        await using var otherHost = database.BuildHost();
        var userId = Fresh.UserId();
        var tokens = HumanTokens.ForConnectV2(Fresh.Tokens().HumanId, "v2-client-user", sourcesConnected: false);
        await SaveAsync(host, userId, tokens);

        var row = await TestDatabase.ReadRawRowAsync(host, userId);
        Assert.Equal(1L, Convert.ToInt64(row["connect_version"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.False(Convert.ToBoolean(row["sources_connected"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Null(row["public_token"]);

        await using var scope = otherHost.CreateAsyncScope();
        Assert.Equal(tokens, await scope.ServiceProvider.GetRequiredService<IHumanTokenStore>().GetAsync(userId, Cancellation));
    }

    [Fact]
    public async Task An_access_token_copied_into_another_users_row_does_not_open_there()
    {
        await using var host = database.BuildHost();
        var (alice, bob) = (Fresh.UserId("alice"), Fresh.UserId("bob"));
        await SaveAsync(host, alice, Fresh.Tokens());
        await SaveAsync(host, bob, Fresh.Tokens());
        var alicesCiphertext = (string)(await TestDatabase.ReadRawRowAsync(host, alice))["access_token_protected"]!;

        // Someone with write access to the table hands bob alice's health data access.
        await using (var scope = host.CreateAsyncScope())
        {
            var bobsKey = TestDatabase.KeyOf(bob);
            await scope.ServiceProvider.GetRequiredService<HostDbContext>().Database.ExecuteSqlAsync(
                $"UPDATE human_connect_tokens SET access_token_protected = {alicesCiphertext} WHERE user_key = {bobsKey}", Cancellation);
        }

        // The ciphertext is bound to alice's row: in bob's it opens nothing, and bob's record reads as unreadable.
        await using var reader = host.CreateAsyncScope();
        var read = await reader.ServiceProvider.GetRequiredService<IHumanTokenStore>().GetAsync(bob, Cancellation);
        Assert.NotNull(read);
        Assert.Equal(string.Empty, read.AccessToken);
        Assert.Null(read.PublicToken);
    }

    [Fact]
    public async Task Saving_again_rewrites_every_column_and_a_lost_public_token_is_null()
    {
        await using var host = database.BuildHost();
        var userId = Fresh.UserId();
        await SaveAsync(host, userId, Fresh.Tokens());
        var first = await TestDatabase.ReadRawRowAsync(host, userId);
        var newer = Fresh.Tokens() with { PublicToken = null };

        await SaveAsync(host, userId, newer);

        var row = await TestDatabase.ReadRawRowAsync(host, userId);
        Assert.Null(row["public_token"]);
        Assert.Equal(newer.HumanId, row["human_id"]);
        Assert.Equal(newer.ClientUserId, row["client_user_id"]);
        Assert.NotEqual(first["access_token_protected"], row["access_token_protected"]);
        Assert.Equal(2L, await TestDatabase.ReadVersionAsync(host, userId));
    }

    private static async Task SaveAsync(IServiceProvider host, string userId, HumanTokens tokens)
    {
        await using var scope = host.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IHumanTokenStore>().SaveAsync(userId, tokens, Cancellation);
    }
}

namespace HumanConnect.AspNetCore.LoadDriver;

/// <summary>
/// After the load: every user's page on every instance must be in edit mode (the finish was stored: not lost) with
/// exactly the publicToken the sandbox now accepts (the newest one it issued: not stale).
/// </summary>
internal sealed record StoreCheck(int Checked, int Lost, int Stale)
{
    public static async Task<StoreCheck> RunAsync(SampleSite[] sites, SampleUser[] users, Dictionary<string, (string HumanId, string PublicToken)> truth)
    {
        var lost = 0;
        var stale = 0;
        var pages = sites.SelectMany(site => users.Select(user => (site, user))).ToList();
        await Parallel.ForEachAsync(pages, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (page, _) =>
        {
            var rendered = await page.site.ReadPageAsync(page.user);
            if (rendered.PublicToken is null || !truth.TryGetValue(page.user.ClientUserId, out var held))
            {
                Interlocked.Increment(ref lost);
            }
            else if (rendered.PublicToken != held.PublicToken)
            {
                Interlocked.Increment(ref stale);
            }
        });
        return new StoreCheck(pages.Count, lost, stale);
    }
}

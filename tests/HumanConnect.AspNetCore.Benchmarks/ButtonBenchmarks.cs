using BenchmarkDotNet.Attributes;
using HumanConnect.AspNetCore.TestInfrastructure;
using Microsoft.AspNetCore.Mvc.TagHelpers;

namespace HumanConnect.AspNetCore.Benchmarks;

/// <summary>
/// The first <c>&lt;human-connect-button&gt;</c> of a page against the framework's floor: <see cref="FormTagHelper"/>
/// writing <c>&lt;form method="post"&gt;</c> with its antiforgery field, in the same kind of request and view. Each
/// operation is a whole request's worth of one tag: a new scope, HttpContext and ViewContext, the render, the HTML
/// written. <see cref="RequestOnly"/> is that harness alone, to subtract. Goal: at most 1.5 times the form's time
/// and allocations.
/// </summary>
[MemoryDiagnoser]
public class ButtonBenchmarks
{
    private ButtonPage _page = null!;
    private ButtonPage _defaultStorePage = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _page = await ButtonPage.StartAsync();
        _defaultStorePage = await ButtonPage.StartAsync(defaultStore: true);

        // Each row must measure what it is named after.
        await FormWithAntiforgery();
        Expect(_page, "name=\"__RequestVerificationToken\"");
        await ButtonEditMode();
        Expect(_page, "data-human-connect-state=\"edit\"");
        await ButtonCreateMode();
        Expect(_page, "data-human-connect-state=\"create\"");
        await ButtonEditModeDefaultStore();
        Expect(_defaultStorePage, "data-human-connect-state=\"edit\"");
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _page.DisposeAsync();
        await _defaultStorePage.DisposeAsync();
    }

    [Benchmark(Baseline = true)]
    public async Task<int> FormWithAntiforgery()
    {
        var (scope, view) = _page.NewRequest(TestData.Alice);
        await using (scope)
        {
            return _page.RenderForm(view);
        }
    }

    [Benchmark]
    public async Task<int> RequestOnly()
    {
        var (scope, view) = _page.NewRequest(TestData.Alice);
        await using (scope)
        {
            return view.HttpContext.Request.Headers.Count;
        }
    }

    /// <summary>A returning user: the in-memory store holds a publicToken.</summary>
    [Benchmark]
    public Task<int> ButtonEditMode() => RenderAsync(_page, TestData.Alice);

    /// <summary>A user who never connected: the store holds nothing.</summary>
    [Benchmark]
    public Task<int> ButtonCreateMode() => RenderAsync(_page, TestData.Bob);

    /// <summary>Edit mode with the default store: the record is decrypted with Data Protection on the way.</summary>
    [Benchmark]
    public Task<int> ButtonEditModeDefaultStore() => RenderAsync(_defaultStorePage, TestData.Alice);

    private static void Expect(ButtonPage page, string fragment)
    {
        if (!page.LastHtml.Contains(fragment, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Expected {fragment} in {page.LastHtml}");
        }
    }

    private static async Task<int> RenderAsync(ButtonPage page, string localUserId)
    {
        var (scope, view) = page.NewRequest(localUserId);
        await using (scope)
        {
            return await page.RenderButtonAsync(view);
        }
    }
}

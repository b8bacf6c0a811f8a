using System.Text.Json;
using BitbucketBlazor.Bitbucket.Facts;
using BitbucketBlazor.Bitbucket.Models;
using BitbucketBlazor.Components.Shared;
using BitbucketBlazor.Tests.Infrastructure;
using BitbucketBlazor.Tests.Sandbox;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace BitbucketBlazor.Tests.Performance;

/// <summary>
/// The guard of issue 12, counted rather than timed: what "Send API request" renders for the sandbox's real
/// 10-repository page stays small, so a circuit does not keep (and send) an element per JSON token again.
/// The figures it bounds are what the benchmark (bench/run.sh) measured on the wire and in the heap.
/// </summary>
public sealed class WalkthroughRenderBudgetTests(SandboxFixture sandbox) : WalkthroughContext, IClassFixture<SandboxFixture>
{
    // Measured when the guard was written: about 25,000 chars, 320 elements and 64 components; with the
    // scope chips, "Copy as program" and the accessible disclosures added since, about 37,700 chars,
    // 400 elements and 95 components; with static text, chips and icons as plain HTML (issue 12, heap per
    // circuit), about 24,700 chars, 333 elements and 39 components. The span-per-token JSON view with MudTable
    // cells it replaced rendered over 3,800 elements for the same body, so these bounds catch it growing back,
    // and a MudText or MudChip per line of the step coming back.
    private const int MaxMarkupChars = 30_000;
    private const int MaxElements = 380;
    private const int MaxComponents = 50;

    [Fact]
    public async Task SendApiRequestWithTheSandboxsTenRepositoryPageRendersUnderItsBudget()
    {
        var (url, body) = await SandboxRepositoryPageAsync();
        var page = JsonSerializer.Deserialize<Paginated<Repository>>(body, BitbucketJson.Options)!;
        Assert.Equal(10, page.Values.Count);
        Api.Repositories = (_, _) => new([TestExchanges.Make("GET", url, 200, body)], page, null, null);
        await HoldTokenAsync();
        var step = Render<ApiCallStep>();

        step.Find("[data-testid=send-api-request]").Click();
        step.WaitForAssertion(() => Assert.Equal(10, step.FindAll("[data-testid=repo-name]").Count));

        var components = step.FindComponents<ComponentBase>().Count;
        var elements = step.FindAll("*").Count;
        var report = $"{step.Markup.Length:N0} chars of markup, {elements} elements, {components} components for a {body.Length:N0}-char body";
        Assert.True(step.Markup.Length <= MaxMarkupChars, report);
        Assert.True(elements <= MaxElements, report);
        Assert.True(components <= MaxComponents, report);
    }

    // The whole walked page in its layout, what each attendee's circuit keeps alive after "Send API request" (issue 12,
    // heap per circuit): about 140 components when MudBlazor's layout, stepper, radios and buttons were components,
    // 30 once they were its markup without them (theme stylesheet, WalkthroughStepper, MudMarkup), 22 with the readable
    // view, the mode badge and the popover provider gone from the walked page (each small component is about 3 KB).
    private const int MaxLiveComponentsPerWalkedPage = 25;

    [Fact]
    public async Task AWalkedClientCredentialsPageInItsLayoutKeepsFewComponentsAlive()
    {
        Services.AddSingleton(new BitbucketBlazor.OAuth.WalkthroughStore(new BitbucketBlazor.Common.Stores.InMemoryBoundedStoreFactory(), Clock));
        var (url, body) = await SandboxRepositoryPageAsync();
        var repositories = JsonSerializer.Deserialize<Paginated<Repository>>(body, BitbucketJson.Options)!;
        Api.Repositories = (_, _) => new([TestExchanges.Make("GET", url, 200, body)], repositories, null, null);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var layout = Render<BitbucketBlazor.Components.Layout.MainLayout>(p => p.Add(l => l.Body, builder =>
        {
            builder.OpenComponent<BitbucketBlazor.Components.Pages.ClientCredentials.ClientCredentialsPage>(0);
            builder.CloseComponent();
        }));

        layout.Find($"[data-testid=choose-{DemoConsumers.Private.Key}]").Click();
        layout.WaitForAssertion(() => layout.Find("[data-testid=send-token-request]").Click());
        layout.WaitForAssertion(() => layout.Find("[data-testid=go-to-api]").Click());
        layout.WaitForAssertion(() => layout.Find("[data-testid=send-api-request]").Click());
        layout.WaitForAssertion(() => Assert.Equal(10, layout.FindAll("[data-testid=repo-name]").Count));

        var components = layout.FindComponents<IComponent>();
        var report = $"{components.Count} components: " + string.Join(", ", components
            .GroupBy(c => c.Instance.GetType().Name).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} x{g.Count()}"));
        Assert.True(components.Count <= MaxLiveComponentsPerWalkedPage, report);
        Assert.DoesNotContain(components, c => c.Instance.GetType().Name is "MudStepper" or "MudDrawer" or "MudThemeProvider" or "MudRadio`1" or "MudPopoverProvider");
    }

    [Fact]
    public async Task ShowAllRendersTheWholeBodyOnlyWhenAsked()
    {
        var (url, body) = await SandboxRepositoryPageAsync();
        var page = JsonSerializer.Deserialize<Paginated<Repository>>(body, BitbucketJson.Options)!;
        Api.Repositories = (_, _) => new([TestExchanges.Make("GET", url, 200, body)], page, null, null);
        await HoldTokenAsync();
        var step = Render<ApiCallStep>();
        step.Find("[data-testid=send-api-request]").Click();
        step.WaitForAssertion(() => Assert.Equal(10, step.FindAll("[data-testid=repo-name]").Count));
        var lastName = page.Values[^1].FullName!;
        Assert.DoesNotContain(lastName, step.Find("[data-testid=api-exchange-response-body]").TextContent, StringComparison.Ordinal);

        step.Find("[data-testid=api-exchange-response-body-show-all]").Click();

        Assert.Contains(lastName, step.Find("[data-testid=api-exchange-response-body]").TextContent, StringComparison.Ordinal);
        Assert.Empty(step.FindAll("[data-testid=api-exchange-response-body-show-all]"));
    }

    private async Task<(string Url, string Body)> SandboxRepositoryPageAsync()
    {
        var token = await sandbox.Sandbox.AccessTokenAsync(DemoConsumers.Private);
        using var response = await sandbox.Sandbox.GetApiAsync($"repositories/{ApiCallStep.DefaultWorkspace}", token);
        response.EnsureSuccessStatusCode();
        return (response.RequestMessage!.RequestUri!.ToString(), await response.Content.ReadAsStringAsync(Xunit.TestContext.Current.CancellationToken));
    }
}

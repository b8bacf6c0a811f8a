using System.Text.Json;
using BitbucketBlazor.Bitbucket.Facts;
using BitbucketBlazor.Bitbucket.Models;
using BitbucketBlazor.Components.Shared;
using BitbucketBlazor.Tests.Infrastructure;
using BitbucketBlazor.Tests.Sandbox;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

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

    // Outside an event's synchronous part Blazor renders a component the moment it asks, and each render is one more
    // batch sent, applied and acknowledged: the token's answer used to render the page three times (exchange, token,
    // result) with four empty batches from subscribers that show nothing, eight batches for one click in all.
    [Fact]
    public async Task AnAnswerThatArrivesAfterTheClickRendersThePageOnceAndTheSilentSubscribersNever()
    {
        CaptureLogs();
        Services.AddLogging(logging => logging.AddFilter("Microsoft.AspNetCore.Components.RenderTree", LogLevel.Debug));
        Services.AddSingleton(new BitbucketBlazor.OAuth.WalkthroughStore(new BitbucketBlazor.Common.Stores.InMemoryBoundedStoreFactory(), Clock));
        var tokenAnswer = new TaskCompletionSource<BitbucketBlazor.OAuth.TokenResult>();
        Tokens.ClientCredentials = _ => tokenAnswer.Task;
        var apiAnswer = new TaskCompletionSource();
        Api.RepositoriesAnswerAfter = apiAnswer.Task;
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var layout = Render<BitbucketBlazor.Components.Layout.MainLayout>(p => p.Add(l => l.Body, builder =>
        {
            builder.OpenComponent<BitbucketBlazor.Components.Pages.ClientCredentials.ClientCredentialsPage>(0);
            builder.CloseComponent();
        }));
        // The renderer's own debug record per component rendered ("Rendering component 16 of type …"), not bUnit's
        // RenderCount, which also counts the renders of a component's descendants.
        int Renders<T>() => Services.GetFakeLogCollector().GetSnapshot().Count(r =>
            r.Message.StartsWith("Rendering component", StringComparison.Ordinal) && r.Message.EndsWith(" " + typeof(T).FullName, StringComparison.Ordinal));
        var (refresherRenders, resumeRenders) = (Renders<AutoRefresher>(), Renders<BitbucketBlazor.Components.Layout.WalkthroughResume>());
        Assert.True(refresherRenders > 0, "the renderer's debug records are read");
        layout.Find($"[data-testid=choose-{DemoConsumers.Private.Key}]").Click();
        layout.WaitForAssertion(() => layout.Find("[data-testid=send-token-request]").Click());
        var pageRendersBeforeTheToken = Renders<BitbucketBlazor.Components.Pages.ClientCredentials.ClientCredentialsPage>();

        tokenAnswer.SetResult(FakeTokenClient.Success(PrivateDemo, "the-token"));

        layout.WaitForAssertion(() => Assert.Contains("200", layout.Find("[data-testid=token-exchange-status]").TextContent, StringComparison.Ordinal));
        Assert.Equal(pageRendersBeforeTheToken + 1, Renders<BitbucketBlazor.Components.Pages.ClientCredentials.ClientCredentialsPage>());

        layout.Find("[data-testid=go-to-api]").Click();
        layout.WaitForAssertion(() => layout.Find("[data-testid=send-api-request]").Click());
        var stepRendersBeforeTheAnswer = Renders<ApiCallStep>();

        apiAnswer.SetResult();

        layout.WaitForAssertion(() => Assert.Contains("200", layout.Find("[data-testid=api-exchange-status]").TextContent, StringComparison.Ordinal));
        // Once with the answer: not again when the history it recorded notifies.
        Assert.Equal(stepRendersBeforeTheAnswer + 1, Renders<ApiCallStep>());
        Assert.Equal(refresherRenders, Renders<AutoRefresher>());
        Assert.Equal(resumeRenders, Renders<BitbucketBlazor.Components.Layout.WalkthroughResume>());
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

    // A room listing the sandbox's repositories keeps the page once (issue 12, heap per circuit: 36 KB a circuit before):
    // the real page is long enough to be shared and has nothing masking would hide.
    [Fact]
    public async Task TheSandboxsPageOfRepositoriesIsKeptOnceForTheWholeRoom()
    {
        var (_, body) = await SandboxRepositoryPageAsync();
        var store = new BitbucketBlazor.Bitbucket.SharedResponseBodies();

        Assert.Same(body, store.Share(body));
        Assert.Same(body, store.Share(new string(body.AsSpan())));
        Assert.Equal(1, store.Count);
    }

    private async Task<(string Url, string Body)> SandboxRepositoryPageAsync()
    {
        var token = await sandbox.Sandbox.AccessTokenAsync(DemoConsumers.Private);
        using var response = await sandbox.Sandbox.GetApiAsync($"repositories/{ApiCallStep.DefaultWorkspace}", token);
        response.EnsureSuccessStatusCode();
        return (response.RequestMessage!.RequestUri!.ToString(), await response.Content.ReadAsStringAsync(Xunit.TestContext.Current.CancellationToken));
    }
}

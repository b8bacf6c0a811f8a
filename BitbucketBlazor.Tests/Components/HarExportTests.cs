using System.Text;
using BitbucketBlazor.Bitbucket;
using BitbucketBlazor.Components.Shared;
using BitbucketBlazor.Tests.Har;
using BitbucketBlazor.Tests.Infrastructure;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;

namespace BitbucketBlazor.Tests.Components;

public sealed class HarExportTests : WalkthroughContext
{
    private string? _downloaded;
    private string? _fileName;

    [Fact]
    public async Task NothingOfTheSessionIsRenderedAndTheMaskedFileGoesToTheBrowserOnlyOnTheClick()
    {
        var token = await CallTheApiAsync();

        var export = Render<HarExport>();
        Assert.DoesNotContain(token, export.Markup, StringComparison.Ordinal);
        Assert.Null(_downloaded);

        export.Find("[data-testid=har-download]").Click();

        export.WaitForAssertion(() => Assert.NotNull(_downloaded));
        Assert.EndsWith(".har", _fileName, StringComparison.Ordinal);
        Assert.DoesNotContain("UNMASKED", _fileName, StringComparison.Ordinal);
        HarSchema.AssertValid(_downloaded!);
        Assert.DoesNotContain(token, _downloaded, StringComparison.Ordinal);
        Assert.DoesNotContain(token, export.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InTheSandboxTheVisitorMayChooseAnUnmaskedFile()
    {
        var token = await CallTheApiAsync();
        var export = Render<HarExport>();

        export.Find("input[data-testid=har-unmasked]").Change(true);
        export.Find("[data-testid=har-download]").Click();

        export.WaitForAssertion(() => Assert.NotNull(_downloaded));
        Assert.Contains("UNMASKED", _fileName, StringComparison.Ordinal);
        Assert.Contains(token, _downloaded, StringComparison.Ordinal);
        Assert.DoesNotContain(token, export.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void AgainstRealBitbucketThereIsNoUnmaskedChoice()
    {
        Services.AddSingleton(Options.Create(new BitbucketOptions { Mode = BitbucketMode.Cloud, ClientId = "key", ClientSecret = "secret" }));

        var export = Render<HarExport>();

        Assert.NotNull(export.Find("[data-testid=har-download]"));
        Assert.Empty(export.FindAll("[data-testid=har-unmasked]"));
    }

    // A token in the state and an API call with it in the history; the download module is set up.
    private async Task<string> CallTheApiAsync()
    {
        var token = await HoldTokenAsync("session-token-never-rendered-0123456789");
        await State.RecordAsync([TestExchanges.Make("GET", FakeBitbucketApi.ApiBase + "/user", 200, "{}", [new("Authorization", "Bearer " + token)])]);
        SetUpDownload();
        return token;
    }

    // Reads the file when the component hands it to the browser's download module, while its stream is open.
    private void SetUpDownload() =>
        JSInterop.SetupModule("./js/download.js").SetupVoid("downloadFromStream", invocation =>
        {
            _fileName = (string?)invocation.Arguments[0];
            var stream = ((DotNetStreamReference)invocation.Arguments[2]!).Stream;
            using var reader = new StreamReader(stream, Encoding.UTF8, leaveOpen: true);
            _downloaded = reader.ReadToEnd();
            return true;
        }).SetVoidResult();
}

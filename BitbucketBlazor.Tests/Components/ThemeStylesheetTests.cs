using System.Net;
using System.Net.Http.Headers;
using BitbucketBlazor.Components.Layout;
using BitbucketBlazor.Tests.Infrastructure;
using MudBlazor;
using MudBlazor.Utilities;

namespace BitbucketBlazor.Tests.Components;

/// <summary>The theme is one cached stylesheet, light and dark, instead of a MudThemeProvider in every circuit.</summary>
public sealed class ThemeStylesheetTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task TheStylesheetCarriesTheLightPaletteAtTheRootAndTheDarkOneUnderTheDarkClass()
    {
        using var response = await app.Http.GetAsync(ThemeStylesheet.Path, TestContext.Current.CancellationToken);
        var css = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
        var darkStart = css.IndexOf($":root.{ThemeStylesheet.DarkClass}{{", StringComparison.Ordinal);
        Assert.True(darkStart > 0, "no dark block");
        var lightBlock = css[css.IndexOf(":root{", StringComparison.Ordinal)..darkStart];
        var darkBlock = css[darkStart..];
        Assert.Contains($"--mud-palette-primary: {Rgba(AppTheme.Theme.PaletteLight.Primary)};", lightBlock, StringComparison.Ordinal);
        Assert.Contains($"--mud-palette-primary: {Rgba(AppTheme.Theme.PaletteDark.Primary)};", darkBlock, StringComparison.Ordinal);
        Assert.Contains("--mud-native-html-color-scheme: dark;", darkBlock, StringComparison.Ordinal);
        Assert.Contains("'Segoe UI'", lightBlock, StringComparison.Ordinal); // decoded, not &#x27;
    }

    [Fact]
    public async Task AReloadWithTheEntityTagCostsA304()
    {
        using var first = await app.Http.GetAsync(ThemeStylesheet.Path, TestContext.Current.CancellationToken);
        var tag = first.Headers.ETag;
        Assert.NotNull(tag);

        using var again = new HttpRequestMessage(HttpMethod.Get, ThemeStylesheet.Path);
        again.Headers.IfNoneMatch.Add(tag);
        using var revalidated = await app.Http.SendAsync(again, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Empty(await revalidated.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task PagesLinkTheStylesheetAndRenderNoThemeStyleOfTheirOwn()
    {
        var html = await app.Http.GetStringAsync("/client-credentials", TestContext.Current.CancellationToken);

        Assert.Contains($"<link rel=\"stylesheet\" href=\"{ThemeStylesheet.Path}\" />", html, StringComparison.Ordinal);
        Assert.Contains("js/theme", html, StringComparison.Ordinal);
        Assert.DoesNotContain("mud-theme-provider", html, StringComparison.Ordinal);
        Assert.DoesNotContain("--mud-palette-primary", html, StringComparison.Ordinal);
    }

    private static string Rgba(MudColor color) => color.ToString(MudColorOutputFormats.RGBA);
}

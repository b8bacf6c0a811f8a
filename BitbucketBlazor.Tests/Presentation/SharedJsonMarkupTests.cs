using BitbucketBlazor.Components.Presentation;

namespace BitbucketBlazor.Tests.Presentation;

/// <summary>
/// A large body's highlighted markup is made once for every circuit showing the same text, never handed to a circuit
/// showing other text, and the store refuses newcomers when full instead of evicting anyone's entry.
/// </summary>
public sealed class SharedJsonMarkupTests
{
    // Over SharedJsonMarkup.MinLength, as a page of repositories is.
    private static string LargeBody(string name) =>
        "{\"values\":[" + string.Join(",", Enumerable.Range(0, 200).Select(i => $"{{\"slug\":\"{name}-{i}\",\"is_private\":false}}")) + "]}";

    [Fact]
    public void TheSameLargeBodyGetsOneSharedMarkupEqualToItsOwn()
    {
        var store = new SharedJsonMarkup();
        var body = LargeBody("repo");
        Assert.True(body.Length >= SharedJsonMarkup.MinLength);

        var first = store.Render(body, 40, 24);
        var second = store.Render(new string(body.AsSpan()), 40, 24);

        Assert.NotNull(first);
        Assert.Same(first, second);
        Assert.Equal(JsonMarkup.Render(body, 40, 24), first);
        Assert.Equal(1, store.Count);
    }

    [Fact]
    public void ABodyThatDiffersGetsItsOwnMarkup()
    {
        var store = new SharedJsonMarkup();
        store.Render(LargeBody("alpha"), 40, 24);

        var other = store.Render(LargeBody("omega"), 40, 24)!;

        Assert.Contains("omega-0", other.Markup.Value, StringComparison.Ordinal);
        Assert.DoesNotContain("alpha", other.Markup.Value, StringComparison.Ordinal);
        Assert.Equal(2, store.Count);
    }

    [Fact]
    public void ASmallBodyIsNotKept()
    {
        var store = new SharedJsonMarkup();
        const string token = """{"access_token":"abcd…(masked)","token_type":"bearer"}""";

        var markup = store.Render(token, 40, 24);

        Assert.NotNull(markup);
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public void AFullStoreRefusesNewcomersAndKeepsWhatItHas()
    {
        var store = new SharedJsonMarkup(maxEntries: 1);
        var kept = store.Render(LargeBody("first"), 40, 24);

        var refused = store.Render(LargeBody("second"), 40, 24);
        var refusedAgain = store.Render(LargeBody("second"), 40, 24);

        Assert.Contains("second-0", refused!.Markup.Value, StringComparison.Ordinal);
        Assert.NotSame(refused, refusedAgain);
        Assert.Same(kept, store.Render(LargeBody("first"), 40, 24));
        Assert.Equal(1, store.Count);
    }

    [Fact]
    public void TheCharacterBoundRefusesMarkupThatWouldPassIt()
    {
        var store = new SharedJsonMarkup(maxCharacters: 100);

        store.Render(LargeBody("big"), 40, 24);

        Assert.Equal(0, store.Count);
    }
}

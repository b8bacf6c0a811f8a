using BitbucketBlazor.Components.Presentation;
using BitbucketBlazor.Tests.Infrastructure;

namespace BitbucketBlazor.Tests.Presentation;

/// <summary>
/// A large body's highlighted markup is made once for every circuit showing the same text, never handed to a circuit
/// showing other text, and the store refuses newcomers when full instead of evicting anyone's entry.
/// </summary>
public sealed class SharedJsonMarkupTests
{
    [Fact]
    public void TheSameLargeBodyGetsOneSharedMarkupEqualToItsOwn()
    {
        var store = new SharedJsonMarkup();
        var body = LargeJson.Page("repo");
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
        store.Render(LargeJson.Page("alpha"), 40, 24);

        var other = store.Render(LargeJson.Page("omega"), 40, 24)!;

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
        var kept = store.Render(LargeJson.Page("first"), 40, 24);

        var refused = store.Render(LargeJson.Page("second"), 40, 24);
        var refusedAgain = store.Render(LargeJson.Page("second"), 40, 24);

        Assert.Contains("second-0", refused!.Markup.Value, StringComparison.Ordinal);
        Assert.NotSame(refused, refusedAgain);
        Assert.Same(kept, store.Render(LargeJson.Page("first"), 40, 24));
        Assert.Equal(1, store.Count);
    }

    [Fact]
    public void TheCharacterBoundRefusesMarkupThatWouldPassIt()
    {
        var store = new SharedJsonMarkup(maxCharacters: 100);

        store.Render(LargeJson.Page("big"), 40, 24);

        Assert.Equal(0, store.Count);
    }
}

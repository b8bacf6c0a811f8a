using BitbucketBlazor.Components.Shared;

namespace BitbucketBlazor.Tests.Components;

public sealed class SharedMarkupTests
{
    [Fact]
    public void EqualMarkupBuiltTwiceIsKeptOnce()
    {
        var html = $"<span>{Guid.NewGuid():N}</span>";
        var first = SharedMarkup.Of(html);
        var second = SharedMarkup.Of(new string(html.AsSpan()));

        Assert.Equal(html, second.Value);
        Assert.Same(first.Value, second.Value);
    }

    [Fact]
    public void LongMarkupIsUsedAsItIsAndNotKept()
    {
        var html = $"<p>{new string('x', 5000)}{Guid.NewGuid():N}</p>";
        var copy = new string(html.AsSpan());

        SharedMarkup.Of(html);

        Assert.Same(copy, SharedMarkup.Of(copy).Value);
    }
}

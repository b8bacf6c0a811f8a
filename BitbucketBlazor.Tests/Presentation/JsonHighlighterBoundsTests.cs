using BitbucketBlazor.Components.Presentation;

namespace BitbucketBlazor.Tests.Presentation;

/// <summary>The highlighter's bounds: past a size or a depth it declines, so its work and output stay linear.</summary>
public sealed class JsonHighlighterBoundsTests
{
    private static string Nested(int depth) => new string('[', depth) + "1" + new string(']', depth);

    [Fact]
    public void JsonNestedTenThousandDeepIsLeftAsPlainText() =>
        Assert.Null(JsonHighlighter.Highlight(Nested(10_000)));

    [Fact]
    public void JsonAtTheDepthLimitIsHighlightedAndOneLevelMoreIsNot()
    {
        Assert.NotNull(JsonHighlighter.Highlight(Nested(JsonHighlighter.MaxDepth)));
        Assert.Null(JsonHighlighter.Highlight(Nested(JsonHighlighter.MaxDepth + 1)));
    }

    [Fact]
    public void TextLongerThanTheLimitIsLeftAsPlainText()
    {
        var values = string.Join(',', Enumerable.Repeat("1", JsonHighlighter.MaxChars / 2 + 1));
        Assert.Null(JsonHighlighter.Highlight("[" + values + "]"));
    }

    [Fact]
    public void TheIndentedOutputGrowsLinearlyWithTheInputEvenAtTheDeepestAllowedNesting()
    {
        var depth = JsonHighlighter.MaxDepth - 1;
        var items = string.Join(',', Enumerable.Repeat("1", 20_000));
        var json = new string('[', depth) + "[" + items + "]" + new string(']', depth);

        var tokens = JsonHighlighter.Highlight(json)!;

        // Each value gets at most one line break and MaxDepth indentation steps of two spaces.
        Assert.InRange(JsonHighlighter.ToText(tokens).Length, json.Length, json.Length * (2 * JsonHighlighter.MaxDepth + 3));
    }
}

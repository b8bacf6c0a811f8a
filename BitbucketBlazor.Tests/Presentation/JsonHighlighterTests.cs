using BitbucketBlazor.Components.Presentation;
using BitbucketBlazor.OAuth;

namespace BitbucketBlazor.Tests.Presentation;

public sealed class JsonHighlighterTests
{
    [Fact]
    public void PrettyPrintsWithTwoSpaceIndentation()
    {
        var tokens = JsonHighlighter.Highlight("""{"a":1,"b":[true,null],"c":{},"d":"x"}""");

        Assert.Equal("{\n  \"a\": 1,\n  \"b\": [\n    true,\n    null\n  ],\n  \"c\": {},\n  \"d\": \"x\"\n}", JsonHighlighter.ToText(tokens!));
    }

    [Fact]
    public void TellsKeysFromStringValues()
    {
        var tokens = JsonHighlighter.Tokenize("""{"key" : "value"}""")!;

        Assert.Equal(JsonTokenKind.Key, tokens[1].Kind);
        Assert.Equal(JsonTokenKind.StringValue, tokens[3].Kind);
    }

    [Fact]
    public void KeepsStringsExactlyAsSentEscapesIncluded()
    {
        var tokens = JsonHighlighter.Highlight("""{"s":"a\"b\\u00e9…"}""")!;

        Assert.Contains(tokens, t => t.Text == "\"a\\\"b\\\\u00e9…\"");
    }

    [Theory]
    [InlineData("grant_type=client_credentials")]
    [InlineData("<html>")]
    [InlineData("{\"unterminated")]
    [InlineData("")]
    public void ReturnsNullForTextThatIsNotJson(string text)
    {
        Assert.Null(JsonHighlighter.Highlight(text));
    }
}

using BitbucketBlazor.Bitbucket;
using BitbucketBlazor.Tests.Infrastructure;

namespace BitbucketBlazor.Tests.Bitbucket;

/// <summary>
/// The one masking policy, tested once: which fields, headers and URL parts are secret (the same
/// for logs and people), and how each rendering hides them.
/// </summary>
public sealed class MaskingPolicyTests
{
    private static readonly MaskingPolicy s_logs = MaskingPolicy.ForLogs;
    private static readonly MaskingPolicy s_display = MaskingPolicy.ForDisplay;

    [Theory]
    [InlineData("client_secret")]
    [InlineData("access_token")]
    [InlineData("refresh_token")]
    [InlineData("code")]
    [InlineData("password")]
    [InlineData("assertion")]
    [InlineData("token")]
    [InlineData("ACCESS_TOKEN")]
    public void OneListOfSecretFieldsServesEveryRendering(string field)
    {
        Assert.True(MaskingPolicy.IsSecretField(field));
        Assert.Equal($"{field}=***", s_logs.MaskForm($"{field}=abcdefghijklmnopq"));
        Assert.DoesNotContain("efghijklmnopq", s_display.MaskForm($"{field}=abcdefghijklmnopq"), StringComparison.Ordinal);
        Assert.DoesNotContain("efghijklmnopq", s_display.MaskBody($$"""{"{{field}}":"abcdefghijklmnopq"}"""), StringComparison.Ordinal);
    }

    // ---- Logs ----

    [Theory]
    [InlineData("Authorization", "Basic a2V5OnNlY3JldA==", "Basic ***")]
    [InlineData("Authorization", "Bearer eyJhbGciOi.x.y", "Bearer ***")]
    [InlineData("authorization", "opaque-without-scheme", "***")]
    [InlineData("Cookie", "session=abc", "***")]
    [InlineData("Content-Type", "application/json", "application/json")]
    public void InLogsHeaderValuesThatCarryCredentialsAreMasked(string name, string value, string expected) =>
        Assert.Equal(expected, s_logs.MaskHeaderValue(name, value));

    [Theory]
    [InlineData("grant_type=client_credentials", "grant_type=client_credentials")]
    [InlineData("grant_type=authorization_code&code=abc123&redirect_uri=http%3A%2F%2Fx", "grant_type=authorization_code&code=***&redirect_uri=http%3A%2F%2Fx")]
    [InlineData("grant_type=refresh_token&refresh_token=RT%2Bx", "grant_type=refresh_token&refresh_token=***")]
    [InlineData("client_id=key&client_secret=s3cr3t", "client_id=key&client_secret=***")]
    [InlineData("access_token=AT&state=xyz", "access_token=***&state=xyz")]
    public void InLogsSecretFormFieldsAreMaskedAndOthersKept(string form, string expected) =>
        Assert.Equal(expected, s_logs.MaskBody(form));

    [Fact]
    public void InLogsSecretJsonPropertiesAreMaskedAtAnyDepth()
    {
        var masked = s_logs.MaskBody("""{"access_token":"AT-1","refresh_token":"RT-1","token_type":"bearer","scopes":"account","nested":[{"code":"C-1","client_secret":"S-1"}]}""");

        Assert.Equal("""{"access_token":"***","refresh_token":"***","token_type":"bearer","scopes":"account","nested":[{"code":"***","client_secret":"***"}]}""", masked);
    }

    [Fact]
    public void BrokenJsonIsStillMasked()
    {
        var masked = s_logs.MaskBody("""{"access_token": "AT-1", "refresh_token":"RT-\"1" ...""");

        Assert.DoesNotContain("AT-1", masked, StringComparison.Ordinal);
        Assert.DoesNotContain("RT-", masked, StringComparison.Ordinal);
    }

    [Fact]
    public void NullAndEmptyBodiesStayAsTheyAre()
    {
        Assert.Null(s_logs.MaskBody(null));
        Assert.Equal("", s_logs.MaskBody(""));
        Assert.Null(s_display.MaskBody(null));
    }

    // ---- URLs: one rule, query and fragment ----

    [Fact]
    public void UrlQueryAndFragmentSecretsAreMaskedAndThePathKept()
    {
        var url = new Uri("http://127.0.0.1:5142/oauth-callback?code=C-1&state=s-2#access_token=AT-3&token_type=bearer");

        Assert.Equal("http://127.0.0.1:5142/oauth-callback?code=***&state=s-2#access_token=***&token_type=bearer", s_logs.MaskUrl(url));
        Assert.Equal("http://127.0.0.1:5142/oauth-callback?code=…(masked)&state=s-2#access_token=…(masked)&token_type=bearer", s_display.MaskUrl(url));
    }

    [Fact]
    public void OnScreenACodeInAUrlQueryKeepsFourCharacters()
    {
        var masked = s_display.MaskUrl(new Uri("http://localhost/oauth-callback?code=abcdefghijklmnopq&state=xyz"));

        Assert.Equal("http://localhost/oauth-callback?code=abcd…(masked)&state=xyz", masked);
    }

    // ---- On screen ----

    [Fact]
    public void OnScreenABasicHeaderKeepsItsSchemeAndFourCharactersOfTheBase64()
    {
        var header = TestExchanges.Basic("sandbox-private-key", "sandbox-private-secret");

        Assert.Equal("Basic c2Fu…(masked)", s_display.MaskHeaderValue("Authorization", header));
    }

    [Fact]
    public void OnScreenABearerHeaderKeepsItsScheme()
    {
        Assert.Equal("Bearer abcd…(masked)", s_display.MaskHeaderValue("Authorization", "Bearer abcdefghijklmnopqrstuvwxyz"));
    }

    [Fact]
    public void OnScreenOrdinaryHeadersAreLeftAlone()
    {
        Assert.Equal("application/json", s_display.MaskHeaderValue("Content-Type", "application/json"));
    }

    [Fact]
    public void OnScreenAClientSecretInAFormKeepsNothingWhileOtherFieldsStay()
    {
        var masked = s_display.MaskForm("grant_type=client_credentials&client_id=k&client_secret=s3cr3t-value-long-enough");

        Assert.Equal("grant_type=client_credentials&client_id=k&client_secret=…(masked)", masked);
    }

    [Fact]
    public void OnScreenACodeAndARefreshTokenInAFormAreMasked()
    {
        var masked = s_display.MaskForm("grant_type=authorization_code&code=abcdefghijklmnop&refresh_token=zyxwvutsrqponmlk");

        Assert.DoesNotContain("abcdefghijklmnop", masked, StringComparison.Ordinal);
        Assert.DoesNotContain("zyxwvutsrqponmlk", masked, StringComparison.Ordinal);
        Assert.Contains("grant_type=authorization_code", masked, StringComparison.Ordinal);
    }

    [Fact]
    public void OnScreenTokensInAJsonBodyAreMaskedAndTheLayoutKept()
    {
        const string body = "{\n  \"access_token\": \"AAAAAAAAAAAAAAAAAAAA\",\n  \"refresh_token\":\"RRRRRRRRRRRRRRRRRR\",\n  \"token_type\": \"bearer\"\n}";

        var masked = s_display.MaskBody(body);

        Assert.Equal("{\n  \"access_token\": \"AAAA…(masked)\",\n  \"refresh_token\":\"RRRR…(masked)\",\n  \"token_type\": \"bearer\"\n}", masked);
    }

    [Theory]
    [InlineData("access_token")]
    [InlineData("Refresh_Token")]
    [InlineData("CLIENT_SECRET")]
    public void ASecretNamedLateInALongJsonBodyInAnyCaseIsStillMasked(string name)
    {
        // The quick check for quoted secret names must look at the whole body, in any case, not only its start.
        var items = string.Join(",", Enumerable.Range(0, 200).Select(i => $$"""{"slug":"repo-{{i}}","is_private":false}"""));
        var body = "{\"values\":[" + items + "],\"nested\":{\"" + name + "\":\"SSSSSSSSSSSSSSSSSSSS\"}}";

        var masked = s_display.MaskBody(body);

        Assert.DoesNotContain("SSSSSSSSSSSSSSSSSSSS", masked, StringComparison.Ordinal);
        Assert.Contains("\"slug\":\"repo-199\"", masked, StringComparison.Ordinal);
    }

    [Fact]
    public void AJsonBodyWithoutSecretNamesComesBackAsTheSameInstance()
    {
        var body = "{\"values\":[" + string.Join(",", Enumerable.Range(0, 200).Select(i => $"{{\"slug\":\"tokens-{i}\"}}")) + "]}";

        Assert.Same(body, s_display.MaskBody(body));
    }

    [Fact]
    public void AnEscapedQuoteInsideATokenDoesNotLeakItsTail()
    {
        var masked = s_display.MaskBody("{\"access_token\":\"abcd\\\"efghijklmnopq\"}");

        Assert.DoesNotContain("efghijklmnopq", masked, StringComparison.Ordinal);
    }

    [Fact]
    public void MaskExchangeMasksHeadersAndBothBodies()
    {
        var exchange = TestExchanges.Make("POST", "http://localhost/token", 200, "{\"access_token\":\"AAAAAAAAAAAAAAAAAAAA\"}",
            [new("Authorization", "Basic c2FuZGJveC1wcml2YXRlLWtleTpzZWNyZXQ=")], "grant_type=client_credentials&client_secret=verysecretvalue");

        var masked = s_display.MaskExchange(exchange);

        Assert.Equal("Basic c2Fu…(masked)", masked.RequestHeader("Authorization"));
        Assert.DoesNotContain("verysecretvalue", masked.RequestBody, StringComparison.Ordinal);
        Assert.DoesNotContain("AAAAAAAAAAAAAAAAAAAA", masked.ResponseBody, StringComparison.Ordinal);
    }

    [Fact]
    public void AnAuthorizationCodeIsPreviewedByItsFirstCharacters()
    {
        Assert.Equal("abcd…", MaskingPolicy.CodePreview("abcdefghijklmnopqrstuvwxyz"));
        Assert.Equal("ab…", MaskingPolicy.CodePreview("abcdefgh"));
        Assert.Equal("…", MaskingPolicy.CodePreview("abc"));
    }
}

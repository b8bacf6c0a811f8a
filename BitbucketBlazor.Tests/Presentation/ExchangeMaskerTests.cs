using BitbucketBlazor.Components.Presentation;
using BitbucketBlazor.OAuth;
using BitbucketBlazor.Tests.Components;

namespace BitbucketBlazor.Tests.Presentation;

public sealed class ExchangeMaskerTests
{
    [Fact]
    public void ABasicHeaderKeepsItsSchemeAndFourCharactersOfTheBase64()
    {
        var header = TestExchanges.Basic("sandbox-private-key", "sandbox-private-secret");

        Assert.Equal("Basic c2Fu…(masked)", ExchangeMasker.MaskAuthorization(header));
    }

    [Fact]
    public void ABearerHeaderKeepsItsScheme()
    {
        Assert.Equal("Bearer abcd…(masked)", ExchangeMasker.MaskHeaderValue("Authorization", "Bearer abcdefghijklmnopqrstuvwxyz"));
    }

    [Fact]
    public void OrdinaryHeadersAreLeftAlone()
    {
        Assert.Equal("application/json", ExchangeMasker.MaskHeaderValue("Content-Type", "application/json"));
    }

    [Fact]
    public void AClientSecretInAFormKeepsNothingWhileOtherFieldsStay()
    {
        var masked = ExchangeMasker.MaskForm("grant_type=client_credentials&client_id=k&client_secret=s3cr3t-value-long-enough");

        Assert.Equal("grant_type=client_credentials&client_id=k&client_secret=…(masked)", masked);
    }

    [Fact]
    public void ACodeAndARefreshTokenInAFormAreMasked()
    {
        var masked = ExchangeMasker.MaskForm("grant_type=authorization_code&code=abcdefghijklmnop&refresh_token=zyxwvutsrqponmlk");

        Assert.DoesNotContain("abcdefghijklmnop", masked, StringComparison.Ordinal);
        Assert.DoesNotContain("zyxwvutsrqponmlk", masked, StringComparison.Ordinal);
        Assert.Contains("grant_type=authorization_code", masked, StringComparison.Ordinal);
    }

    [Fact]
    public void TokensInAJsonBodyAreMaskedAndTheLayoutKept()
    {
        const string body = "{\n  \"access_token\": \"AAAAAAAAAAAAAAAAAAAA\",\n  \"refresh_token\":\"RRRRRRRRRRRRRRRRRR\",\n  \"token_type\": \"bearer\"\n}";

        var masked = ExchangeMasker.MaskJson(body);

        Assert.Equal("{\n  \"access_token\": \"AAAA…(masked)\",\n  \"refresh_token\":\"RRRR…(masked)\",\n  \"token_type\": \"bearer\"\n}", masked);
    }

    [Fact]
    public void AnEscapedQuoteInsideATokenDoesNotLeakItsTail()
    {
        var masked = ExchangeMasker.MaskJson("{\"access_token\":\"abcd\\\"efghijklmnopq\"}");

        Assert.DoesNotContain("efghijklmnopq", masked, StringComparison.Ordinal);
    }

    [Fact]
    public void ACodeInAUrlQueryIsMasked()
    {
        var masked = ExchangeMasker.MaskUrl(new Uri("http://localhost/oauth-callback?code=abcdefghijklmnopq&state=xyz"));

        Assert.Equal("http://localhost/oauth-callback?code=abcd…(masked)&state=xyz", masked);
    }

    [Fact]
    public void MaskExchangeMasksHeadersAndBothBodies()
    {
        var exchange = TestExchanges.Make("POST", "http://localhost/token", 200, "{\"access_token\":\"AAAAAAAAAAAAAAAAAAAA\"}",
            [new("Authorization", "Basic c2FuZGJveC1wcml2YXRlLWtleTpzZWNyZXQ=")], "grant_type=client_credentials&client_secret=verysecretvalue");

        var masked = ExchangeMasker.MaskExchange(exchange);

        Assert.Equal("Basic c2Fu…(masked)", masked.RequestHeader("Authorization"));
        Assert.DoesNotContain("verysecretvalue", masked.RequestBody, StringComparison.Ordinal);
        Assert.DoesNotContain("AAAAAAAAAAAAAAAAAAAA", masked.ResponseBody, StringComparison.Ordinal);
    }
}

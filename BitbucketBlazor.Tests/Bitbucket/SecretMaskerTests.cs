using BitbucketBlazor.Bitbucket;

namespace BitbucketBlazor.Tests.Bitbucket;

public sealed class SecretMaskerTests
{
    [Theory]
    [InlineData("Authorization", "Basic a2V5OnNlY3JldA==", "Basic ***")]
    [InlineData("Authorization", "Bearer eyJhbGciOi.x.y", "Bearer ***")]
    [InlineData("authorization", "opaque-without-scheme", "***")]
    [InlineData("Cookie", "session=abc", "***")]
    [InlineData("Content-Type", "application/json", "application/json")]
    public void HeaderValuesThatCarryCredentialsAreMasked(string name, string value, string expected) =>
        Assert.Equal(expected, SecretMasker.MaskHeaderValue(name, value));

    [Theory]
    [InlineData("grant_type=client_credentials", "grant_type=client_credentials")]
    [InlineData("grant_type=authorization_code&code=abc123&redirect_uri=http%3A%2F%2Fx", "grant_type=authorization_code&code=***&redirect_uri=http%3A%2F%2Fx")]
    [InlineData("grant_type=refresh_token&refresh_token=RT%2Bx", "grant_type=refresh_token&refresh_token=***")]
    [InlineData("client_id=key&client_secret=s3cr3t", "client_id=key&client_secret=***")]
    [InlineData("access_token=AT&state=xyz", "access_token=***&state=xyz")]
    public void SecretFormFieldsAreMaskedAndOthersKept(string form, string expected) =>
        Assert.Equal(expected, SecretMasker.MaskBody(form));

    [Fact]
    public void SecretJsonPropertiesAreMaskedAtAnyDepth()
    {
        var masked = SecretMasker.MaskBody("""{"access_token":"AT-1","refresh_token":"RT-1","token_type":"bearer","scopes":"account","nested":[{"code":"C-1","client_secret":"S-1"}]}""");

        Assert.Equal("""{"access_token":"***","refresh_token":"***","token_type":"bearer","scopes":"account","nested":[{"code":"***","client_secret":"***"}]}""", masked);
    }

    [Fact]
    public void BrokenJsonIsStillMaskedByTextRules()
    {
        var masked = SecretMasker.MaskBody("""{"access_token": "AT-1", "refresh_token":"RT-\"1" ...""");

        Assert.DoesNotContain("AT-1", masked, StringComparison.Ordinal);
        Assert.DoesNotContain("RT-", masked, StringComparison.Ordinal);
    }

    [Fact]
    public void UrlQueryAndFragmentSecretsAreMaskedAndThePathKept()
    {
        var masked = SecretMasker.MaskUrl(new Uri("http://127.0.0.1:5142/oauth-callback?code=C-1&state=s-2#access_token=AT-3&token_type=bearer"));

        Assert.Equal("http://127.0.0.1:5142/oauth-callback?code=***&state=s-2#access_token=***&token_type=bearer", masked);
    }

    [Fact]
    public void NullAndEmptyBodiesStayAsTheyAre()
    {
        Assert.Null(SecretMasker.MaskBody(null));
        Assert.Equal("", SecretMasker.MaskBody(""));
    }
}

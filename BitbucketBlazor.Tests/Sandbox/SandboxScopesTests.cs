using BitbucketBlazor.Sandbox;

namespace BitbucketBlazor.Tests.Sandbox;

public sealed class SandboxScopesTests
{
    [Theory]
    [InlineData("pullrequest", "repository")]
    [InlineData("repository:write", "repository")]
    [InlineData("pullrequest:write", "pullrequest")]
    [InlineData("pullrequest:write", "repository:write")]
    [InlineData("pullrequest:write", "repository")]
    [InlineData("project", "repository")]
    [InlineData("account:write", "account")]
    public void AScopeCoversWhatItImplies(string granted, string required) =>
        Assert.True(SandboxScopes.Covers([granted], required));

    [Theory]
    [InlineData("repository", "pullrequest")]
    [InlineData("repository", "repository:write")]
    [InlineData("repository:admin", "repository")]
    [InlineData("repository:admin", "repository:write")]
    [InlineData("account", "repository")]
    [InlineData("email", "account")]
    public void AScopeDoesNotCoverWhatBitbucketSaysItDoesNotImply(string granted, string required) =>
        Assert.False(SandboxScopes.Covers([granted], required));
}

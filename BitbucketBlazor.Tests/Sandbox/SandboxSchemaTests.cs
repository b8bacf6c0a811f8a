using System.Net;
using BitbucketBlazor.Bitbucket.Facts;
using BitbucketBlazor.Sandbox;

namespace BitbucketBlazor.Tests.Sandbox;

/// <summary>Every body the sandbox's REST API writes is valid against Bitbucket's own specification.</summary>
public sealed class SandboxSchemaTests(SandboxFixture app) : IClassFixture<SandboxFixture>
{
    private const string Featured = "repositories/blazor-demo/bitbucket-oauth-demo";

    [Theory]
    [InlineData("user", "user")]
    [InlineData("user", "account")]
    [InlineData("user/workspaces", "paginated_workspace_access")]
    [InlineData("workspaces/blazor-demo", "workspace")]
    [InlineData("repositories/blazor-demo", "paginated_repositories")]
    [InlineData("repositories/blazor-demo?page=3", "paginated_repositories")]
    [InlineData("repositories/sandbox-labs", "paginated_repositories")]
    [InlineData(Featured, "repository")]
    [InlineData(Featured + "/pullrequests?state=OPEN&state=MERGED&state=DECLINED&state=SUPERSEDED", "paginated_pullrequests")]
    [InlineData(Featured + "/pullrequests/1", "pullrequest")]
    [InlineData(Featured + "/commits", "paginated_changeset")]
    [InlineData(Featured + "/commits?page=2", "paginated_changeset")]
    public async Task ApiBodiesValidateAgainstTheSpecWithBitbucketsScopeHeaders(string path, string definition)
    {
        BitbucketSpec.SkipIfMissing();
        var token = await app.Sandbox.AccessTokenAsync(DemoConsumers.Private);

        using var response = await app.Sandbox.GetApiAsync(path, token);
        var body = await SandboxClient.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        BitbucketSpec.AssertValid(definition, body);
        var accepted = path.Contains("/pullrequests", StringComparison.Ordinal) ? "pullrequest" : path.StartsWith("repositories", StringComparison.Ordinal) ? "repository" : "account";
        SandboxResponseHeaderTests.AssertBitbucketHeadersOnly(response, ScopeHeaders.Format(DemoConsumers.Private.Scopes), accepted);
    }

    [Fact]
    public async Task CommitsValidateOneByOneAsCommit()
    {
        BitbucketSpec.SkipIfMissing();
        var token = await app.Sandbox.AccessTokenAsync(DemoConsumers.Private);

        var page = await app.Sandbox.GetApiJsonAsync(Featured + "/commits?pagelen=50", token);

        Assert.All(page.GetProperty("values").EnumerateArray(), commit => BitbucketSpec.AssertValid("commit", commit));
    }

    [Theory]
    [InlineData("user", null, HttpStatusCode.Unauthorized)]
    [InlineData("repositories/blazor-demo", "narrow", HttpStatusCode.Forbidden)]
    [InlineData("repositories/nowhere", "private", HttpStatusCode.NotFound)]
    [InlineData("not/an/api", "private", HttpStatusCode.NotFound)]
    [InlineData("repositories/blazor-demo?pagelen=0", "private", HttpStatusCode.BadRequest)]
    public async Task ErrorBodiesValidateAgainstTheSpecsError(string path, string? consumer, HttpStatusCode status)
    {
        BitbucketSpec.SkipIfMissing();
        var token = consumer switch
        {
            "narrow" => await app.Sandbox.AccessTokenAsync(DemoConsumers.Narrow),
            "private" => await app.Sandbox.AccessTokenAsync(DemoConsumers.Private),
            _ => null,
        };

        using var response = await app.Sandbox.GetApiAsync(path, token);
        var body = await SandboxClient.ReadJsonAsync(response);

        Assert.Equal(status, response.StatusCode);
        BitbucketSpec.AssertValid("error", body);
    }

    [Theory]
    [InlineData("state", "\"BOGUS\"")]
    [InlineData("links", "{\"self\": {\"href\": \"http://x/\", \"extra\": 1}}")]
    [InlineData("created_on", "\"yesterday\"")]
    public async Task TheSchemaCheckRejectsASandboxBodyBrokenDeepInside(string property, string brokenJson)
    {
        BitbucketSpec.SkipIfMissing();
        var token = await app.Sandbox.AccessTokenAsync(DemoConsumers.Private);
        var pullRequest = System.Text.Json.Nodes.JsonNode.Parse((await app.Sandbox.GetApiJsonAsync(Featured + "/pullrequests/1", token)).GetRawText())!;

        pullRequest[property] = System.Text.Json.Nodes.JsonNode.Parse(brokenJson);
        using var broken = System.Text.Json.JsonDocument.Parse(pullRequest.ToJsonString());

        Assert.Throws<Xunit.Sdk.FailException>(() => BitbucketSpec.AssertValid("pullrequest", broken.RootElement));
    }

    [Fact]
    public void TheSchemaCheckRejectsABodyThatBreaksTheSpec()
    {
        BitbucketSpec.SkipIfMissing();
        using var broken = System.Text.Json.JsonDocument.Parse("""{"pagelen": 10, "values": [], "unexpected": true}""");

        Assert.Throws<Xunit.Sdk.FailException>(() => BitbucketSpec.AssertValid("paginated_repositories", broken.RootElement));
    }
}

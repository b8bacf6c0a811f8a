using System.Text.Json.Nodes;
using System.Text.Json;
using System.Text;
using BitbucketBlazor.Bitbucket.Facts;
using BitbucketBlazor.Bitbucket;
using BitbucketBlazor.Components.Presentation.Har;
using BitbucketBlazor.OAuth;
using BitbucketBlazor.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace BitbucketBlazor.Tests.Har;

public sealed class SessionHarExporterTests
{
    private const string AccessToken = "sandbox-access-token-that-must-not-leak-0123456789";
    private const string RefreshToken = "sandbox-refresh-token-that-must-not-leak-0123456789";
    private const string Code = "authorization-code-that-must-not-leak-0123456789";

    private readonly TokenState _state = new(new FakeTimeProvider(TestExchanges.Start));

    [Fact]
    public async Task AMaskedExportIsValidHar12WithEveryExchangeAndBrowserStepInTimeOrderAndNoSecret()
    {
        await RecordSessionAsync();

        var har = Export(BitbucketMode.Sandbox, unmasked: false);

        HarSchema.AssertValid(har);
        foreach (var secret in new[] { AccessToken, RefreshToken, Code, DemoConsumers.Private.Secret, Base64Credentials() })
        {
            Assert.DoesNotContain(secret, har, StringComparison.Ordinal);
        }

        var entries = JsonNode.Parse(har)!["log"]!["entries"]!.AsArray();
        Assert.Equal(
            ["GET /authorize", "POST /sandbox/site/oauth2/access_token", "GET /sandbox/2.0/user", "GET /sandbox/2.0/repositories/blazor-demo"],
            entries.Select(e => $"{e!["request"]!["method"]} {new Uri((string)e["request"]!["url"]!).AbsolutePath}"));
        Assert.Equal("document", (string?)entries[0]!["_resourceType"]);
        Assert.Equal("fetch", (string?)entries[1]!["_resourceType"]);
        Assert.Equal(42.0, (double)entries[1]!["time"]!);
        Assert.Equal(42.0, (double)entries[1]!["timings"]!["wait"]!);
        Assert.Equal("grant_type=client_credentials", (string?)entries[1]!["request"]!["postData"]!["text"]);
        Assert.Equal(0, (int)entries[3]!["response"]!["status"]!);
        Assert.Contains("refused", (string?)entries[3]!["comment"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnmaskedExportKeepsTheSecretsAsSentAndSaysSo()
    {
        await RecordSessionAsync();

        var har = Export(BitbucketMode.Sandbox, unmasked: true);

        HarSchema.AssertValid(har);
        Assert.Contains(AccessToken, har, StringComparison.Ordinal);
        Assert.Contains(Base64Credentials(), har, StringComparison.Ordinal);
        Assert.Contains("UNMASKED", (string?)JsonNode.Parse(har)!["log"]!["comment"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnmaskedExportIsRefusedAgainstRealBitbucket()
    {
        await RecordSessionAsync();

        var exporter = Exporter(BitbucketMode.Cloud);

        Assert.False(exporter.AllowsUnmasked);
        Assert.Throws<InvalidOperationException>(() => exporter.Export(_state, unmasked: true));
        HarSchema.AssertValid(Encoding.UTF8.GetString(exporter.Export(_state, unmasked: false)));
    }

    [Fact]
    public void TheSchemaRefusesAHarWithoutTimingsOrWithANegativeWait()
    {
        var valid = Encoding.UTF8.GetString(HarWriter.Write(
            [new HarItem(TestExchanges.Make("GET", "http://127.0.0.1/sandbox/2.0/user", 200, "{}"), false)], "test"));
        HarSchema.AssertValid(valid);

        var withoutTimings = JsonNode.Parse(valid)!;
        withoutTimings["log"]!["entries"]![0]!.AsObject().Remove("timings");
        var negativeWait = JsonNode.Parse(valid)!;
        negativeWait["log"]!["entries"]![0]!["timings"]!["wait"] = -5;
        var badDate = JsonNode.Parse(valid)!;
        badDate["log"]!["entries"]![0]!["startedDateTime"] = "yesterday";

        Assert.NotEmpty(HarSchema.Problems(withoutTimings.ToJsonString()));
        Assert.NotEmpty(HarSchema.Problems(negativeWait.ToJsonString()));
        Assert.NotEmpty(HarSchema.Problems(badDate.ToJsonString()));
    }

    private async Task RecordSessionAsync()
    {
        const string Api = "http://127.0.0.1:5000/sandbox/2.0";
        _state.RecordBrowserSteps([
            TestExchanges.Make("GET", "http://127.0.0.1:5000/authorize", 302, null, responseHeaders: [new("Location", "/sandbox/site/oauth2/authorize?client_id=x")]) with
            {
                StartedAt = TestExchanges.Start.AddSeconds(-10),
            },
        ]);
        await _state.RecordAsync([
            TestExchanges.Make("POST", "http://127.0.0.1:5000/sandbox/site/oauth2/access_token", 200,
                $$"""{"access_token":"{{AccessToken}}","refresh_token":"{{RefreshToken}}","code":"{{Code}}"}""",
                [new("Authorization", TestExchanges.Basic(DemoConsumers.Private.Key, DemoConsumers.Private.Secret)), new("Content-Type", "application/x-www-form-urlencoded")],
                "grant_type=client_credentials"),
            TestExchanges.Make("GET", Api + "/user", 200, "{}", [new("Authorization", "Bearer " + AccessToken)]) with { StartedAt = TestExchanges.Start.AddSeconds(1) },
            TestExchanges.Make("GET", Api + "/repositories/blazor-demo", null, null, [new("Authorization", "Bearer " + AccessToken)],
                fault: "The connection was refused.") with { StartedAt = TestExchanges.Start.AddSeconds(2) },
        ]);
    }

    private string Export(BitbucketMode mode, bool unmasked) => Encoding.UTF8.GetString(Exporter(mode).Export(_state, unmasked));

    private static SessionHarExporter Exporter(BitbucketMode mode)
    {
        var options = Options.Create(new BitbucketOptions
        {
            Mode = mode,
            ClientId = mode == BitbucketMode.Cloud ? "key" : null,
            ClientSecret = mode == BitbucketMode.Cloud ? "secret" : null,
        });
        return new SessionHarExporter(new BitbucketEndpoints(options, new SandboxLocation("/sandbox", () => new Uri("http://127.0.0.1:5000/"))));
    }

    private static string Base64Credentials() =>
        TestExchanges.Basic(DemoConsumers.Private.Key, DemoConsumers.Private.Secret)["Basic ".Length..];
}

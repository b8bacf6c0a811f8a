using BitbucketBlazor.Sandbox;

namespace BitbucketBlazor.Tests.Bitbucket;

public sealed class SandboxAddressTests
{
    [Theory]
    [InlineData("http://+:8080", "http://127.0.0.1:8080/")]
    [InlineData("http://*:80", "http://127.0.0.1/")]
    [InlineData("http://[::]:5000", "http://127.0.0.1:5000/")]
    [InlineData("http://0.0.0.0:5142", "http://127.0.0.1:5142/")]
    [InlineData("http://localhost:5142", "http://127.0.0.1:5142/")]
    [InlineData("https://example.test:7001", "https://example.test:7001/")]
    public void WildcardListenAddressesBecomeCallableLoopbackAddresses(string listenAddress, string expected)
    {
        Assert.Equal(new Uri(expected), SandboxAddress.ToLoopback(listenAddress));
    }
}

namespace BitbucketBlazor.Tests.Infrastructure;

/// <summary>JSON bodies as large as a page of repositories, for the stores that share large bodies between circuits.</summary>
public static class LargeJson
{
    /// <summary>A page of 200 repositories whose slugs start with <paramref name="name"/> (about 9,000 characters).</summary>
    public static string Page(string name) =>
        "{\"values\":[" + string.Join(",", Enumerable.Range(0, 200).Select(i => $"{{\"slug\":\"{name}-{i}\",\"is_private\":false}}")) + "]}";
}

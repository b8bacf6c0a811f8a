
namespace BitbucketBlazor.Components.Presentation.Programs;

/// <summary>
/// The repository-listing program as the <c>Program.cs</c> of a console app with Refit, declaring
/// the two methods it uses exactly as the app's <c>IBitbucketOAuthApi</c> and <c>IBitbucketRestApi</c> do.
/// </summary>
internal static class CSharpRepositoryProgram
{
    private const string TokenInvocation = "RequestTokenAsync(authorization, form, CancellationToken.None)";
    private const string RepositoriesInvocation = "GetRepositoriesAsync(accessToken, workspace, page: null, pagelen: PageLength, CancellationToken.None)";

    /// <summary>Writes a Refit console program that lists every repository page by page, refreshing its token on a 401; secrets come from the environment.</summary>
    public static string Write(RepositoryProgram program)
    {
        var start = program.StartsFromRefreshToken
            ? $$"""
                refreshToken = Environment.GetEnvironmentVariable("{{RepositoryPrograms.RefreshTokenVariable}}");
                if (string.IsNullOrEmpty(refreshToken))
                {
                    return Stop({{SnippetLiterals.Serialized(RepositoryPrograms.MissingRefreshToken)}});
                }

                await RefreshAsync();
                """
            : """
                await RequestTokenAsync([new("grant_type", "client_credentials")]);
                """;
        return $$"""
            // Program.cs of a new console app: dotnet new console && dotnet add package Refit
            // Lists every repository of a workspace: gets a token, follows "next" through every page, and
            // on a 401 refreshes the token (keeping the new refresh token Bitbucket returns) and retries once.
            using System.Net;
            using System.Net.Http.Headers;
            using System.Text;
            using System.Text.Json;
            using Refit;

            const int PageLength = {{RepositoryPrograms.PageLength}};
            const int MaxPages = {{RepositoryPrograms.MaxPages}};
            var clientId = {{SnippetLiterals.Serialized(program.ClientId)}};
            var workspace = {{SnippetLiterals.Serialized(program.Workspace)}};
            var clientSecret = Environment.GetEnvironmentVariable("{{CodeSnippetGenerator.ClientSecretVariable}}");
            if (string.IsNullOrEmpty(clientSecret))
            {
                return Stop({{SnippetLiterals.Serialized(RepositoryPrograms.MissingSecret)}});
            }

            var oauth = RestService.ForGenerated<IBitbucketOAuthApi>({{SnippetLiterals.Serialized(program.SiteUrl.ToString().TrimEnd('/'))}});
            var rest = RestService.ForGenerated<IBitbucketRestApi>({{SnippetLiterals.Serialized(program.ApiUrl.ToString().TrimEnd('/'))}});
            using var http = new HttpClient(); // Refit methods take paths; Bitbucket's "next" is absolute and followed as given.
            var authorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{clientSecret}"));
            var accessToken = "";
            string? refreshToken = null;

            try
            {
                {{Indent(start, 4)}}
                var count = 0;
                var page = await WithRefreshAsync(() => ReadAsync(rest.{{RepositoriesInvocation}}));
                for (var pages = 1; ; pages++)
                {
                    using var json = JsonDocument.Parse(page.Body);
                    foreach (var repository in json.RootElement.GetProperty("values").EnumerateArray())
                    {
                        Console.WriteLine(repository.GetProperty("full_name").GetString());
                        count++;
                    }

                    if (pages >= MaxPages || !json.RootElement.TryGetProperty("next", out var next) || next.GetString() is not { } nextUrl)
                    {
                        break;
                    }

                    page = await WithRefreshAsync(() => GetAsync(nextUrl));
                }

                Console.WriteLine($"{count} repositories in {workspace}");
                return 0;
            }
            catch (StopException stop)
            {
                return Stop(stop.Message);
            }

            // Sends a call; on a 401 refreshes the token once and sends it again with the new one.
            async Task<Answer> WithRefreshAsync(Func<Task<Answer>> call)
            {
                var answer = await call();
                if (answer.Status == HttpStatusCode.Unauthorized)
                {
                    Console.Error.WriteLine("HTTP 401 (the access token expired or was revoked): refreshing it and retrying once.");
                    await RefreshAsync();
                    answer = await call();
                }

                return answer.Status == HttpStatusCode.OK ? answer
                    : throw new StopException($"The API answered HTTP {(int)answer.Status}: {Explain(answer.Body, "error", "message")}");
            }

            async Task RefreshAsync()
            {
                if (string.IsNullOrEmpty(refreshToken))
                {
                    throw new StopException("The access token expired and there is no refresh token to renew it.");
                }

                await RequestTokenAsync([new("grant_type", "refresh_token"), new("refresh_token", refreshToken)]);
            }

            // Keeps the access token and, when the answer has one, the new refresh token: Bitbucket
            // rotates them, and the one just used stops working soon after.
            async Task RequestTokenAsync(KeyValuePair<string, string>[] fields)
            {
                using var form = new FormUrlEncodedContent(fields);
                var answer = await ReadAsync(oauth.{{TokenInvocation}});
                if (answer.Status != HttpStatusCode.OK)
                {
                    throw new StopException($"The token request failed with HTTP {(int)answer.Status}: {Explain(answer.Body, "error_description")}");
                }

                using var json = JsonDocument.Parse(answer.Body);
                accessToken = json.RootElement.GetProperty("access_token").GetString() ?? "";
                if (json.RootElement.TryGetProperty("refresh_token", out var rotated) && rotated.GetString() is { Length: > 0 } newRefreshToken)
                {
                    refreshToken = newRefreshToken;
                }
            }

            async Task<Answer> GetAsync(string url)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                using var response = await http.SendAsync(request);
                return new Answer(response.StatusCode, await response.Content.ReadAsStringAsync());
            }

            static async Task<Answer> ReadAsync(Task<IApiResponse<string>> call)
            {
                var response = await call;
                if (response.HasRequestError(out var noAnswer))
                {
                    throw new StopException("No answer from Bitbucket: " + noAnswer.Message);
                }

                return new Answer((HttpStatusCode)((int?)response.StatusCode ?? 0), (response.HasResponseError(out var error) ? error.Content : response.Content) ?? "");
            }

            static string Explain(string body, params string[] path)
            {
                try
                {
                    var element = JsonDocument.Parse(body).RootElement;
                    foreach (var name in path)
                    {
                        element = element.GetProperty(name);
                    }

                    return element.GetString() ?? body;
                }
                catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
                {
                    return body;
                }
            }

            static int Stop(string message)
            {
                Console.Error.WriteLine(message);
                return 1;
            }

            record Answer(HttpStatusCode Status, string Body);

            sealed class StopException(string message) : Exception(message);

            // As the app's Refit interfaces declare them, but returning the raw JSON.
            {{RefitDeclarationWriter.Declare("IBitbucketOAuthApi", TokenInvocation)}}

            {{RefitDeclarationWriter.Declare("IBitbucketRestApi", RepositoriesInvocation)}}
            """;
    }

    private static string Indent(string text, int spaces) =>
        text.Replace("\n", "\n" + new string(' ', spaces), StringComparison.Ordinal);
}

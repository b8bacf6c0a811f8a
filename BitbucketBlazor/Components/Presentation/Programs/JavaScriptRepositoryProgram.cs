
namespace BitbucketBlazor.Components.Presentation.Programs;

/// <summary>The repository-listing program as an ES module for Node.js 18+ (global <c>fetch</c>).</summary>
internal static class JavaScriptRepositoryProgram
{
    /// <summary>Writes a Node.js <c>fetch</c> program that lists every repository page by page, refreshing its token on a 401; secrets come from the environment.</summary>
    public static string Write(RepositoryProgram program)
    {
        var start = program.StartsFromRefreshToken
            ? $$"""
                let refreshToken = process.env.{{RepositoryPrograms.RefreshTokenVariable}};
                if (!refreshToken) stop({{SnippetLiterals.Serialized(RepositoryPrograms.MissingRefreshToken)}});
                """
            : "let refreshToken;";
        var first = program.StartsFromRefreshToken ? "await refresh();" : "await requestToken({ grant_type: \"client_credentials\" });";
        return $$"""
            // Node.js 18+, an ES module for the top-level await: save as repositories.mjs, run node repositories.mjs.
            // Lists every repository of a workspace: gets a token, follows "next" through every page, and on
            // a 401 refreshes the token (keeping the new refresh token Bitbucket returns) and retries once.
            // Run it on a server: a client secret or token must never ship to a browser.
            const tokenUrl = {{SnippetLiterals.Serialized(program.TokenUrl)}};
            const firstPage = {{SnippetLiterals.Serialized(program.FirstPageUrl)}};
            const clientId = {{SnippetLiterals.Serialized(program.ClientId)}};
            const workspace = {{SnippetLiterals.Serialized(program.Workspace)}};
            const maxPages = {{RepositoryPrograms.MaxPages}};

            function stop(message) {
              console.error(message);
              process.exit(1);
            }

            const clientSecret = process.env.{{CodeSnippetGenerator.ClientSecretVariable}};
            if (!clientSecret) stop({{SnippetLiterals.Serialized(RepositoryPrograms.MissingSecret)}});
            {{start}}
            let accessToken;

            async function readJson(response) {
              try {
                return await response.json();
              } catch {
                return {};
              }
            }

            // Keeps the access token and, when the answer has one, the new refresh token: Bitbucket
            // rotates them, and the one just used stops working soon after.
            async function requestToken(form) {
              const response = await fetch(tokenUrl, {
                method: "POST",
                headers: {
                  Authorization: "Basic " + Buffer.from(`${clientId}:${clientSecret}`).toString("base64"),
                  Accept: "application/json",
                },
                body: new URLSearchParams(form),
              });
              const body = await readJson(response);
              if (!response.ok) stop(`The token request failed with HTTP ${response.status}: ${body.error_description ?? body.error ?? response.statusText}`);
              accessToken = body.access_token;
              if (body.refresh_token) refreshToken = body.refresh_token;
            }

            async function refresh() {
              if (!refreshToken) stop("The access token expired and there is no refresh token to renew it.");
              await requestToken({ grant_type: "refresh_token", refresh_token: refreshToken });
            }

            // One page; on a 401 refreshes the token once and retries once.
            async function getPage(url) {
              for (let attempt = 1; ; attempt++) {
                const response = await fetch(url, { headers: { Authorization: `Bearer ${accessToken}`, Accept: "application/json" } });
                if (response.status === 401 && attempt === 1) {
                  console.error("HTTP 401 (the access token expired or was revoked): refreshing it and retrying once.");
                  await refresh();
                  continue;
                }

                const body = await readJson(response);
                if (!response.ok) stop(`GET ${url} failed with HTTP ${response.status}: ${body.error?.message ?? response.statusText}`);
                return body;
              }
            }

            {{first}}
            let count = 0;
            let url = firstPage;
            for (let pages = 0; url && pages < maxPages; pages++) {
              const page = await getPage(url);
              for (const repository of page.values) console.log(repository.full_name);
              count += page.values.length;
              url = page.next;
            }

            console.log(`${count} repositories in ${workspace}`);
            """;
    }
}

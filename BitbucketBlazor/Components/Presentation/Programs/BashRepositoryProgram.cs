
namespace BitbucketBlazor.Components.Presentation.Programs;

/// <summary>The repository-listing program as a bash script with curl and jq.</summary>
internal static class BashRepositoryProgram
{
    /// <summary>Writes a bash script that lists every repository page by page, refreshing its token on a 401; secrets come from the environment.</summary>
    public static string Write(RepositoryProgram program)
    {
        var secret = CodeSnippetGenerator.ClientSecretVariable;
        var refresh = RepositoryPrograms.RefreshTokenVariable;
        var start = program.StartsFromRefreshToken
            ? $$"""
                require_variable {{refresh}} {{SnippetLiterals.ShellSingle(RepositoryPrograms.MissingRefreshToken)}}
                refresh_token=${{refresh}}
                refresh_tokens
                """
            : """
                refresh_token=''
                token_request 'grant_type=client_credentials'
                """;
        return $$"""
            #!/usr/bin/env bash
            # Lists every repository of a workspace: gets a token, follows "next" through every page,
            # and on a 401 refreshes the token (keeping the new refresh token Bitbucket returns) and
            # retries once. Needs bash, curl and jq. Secrets come only from the environment, and go to
            # curl through file descriptors, never its command line (which other users can see).
            set -euo pipefail

            token_url={{SnippetLiterals.ShellSingle(program.TokenUrl)}}
            first_page={{SnippetLiterals.ShellSingle(program.FirstPageUrl)}}
            client_id={{SnippetLiterals.ShellSingle(program.ClientId)}}
            workspace={{SnippetLiterals.ShellSingle(program.Workspace)}}
            max_pages={{RepositoryPrograms.MaxPages}}

            stop() { echo "$1" >&2; exit 1; }
            require_variable() { [ -n "${!1:-}" ] || stop "$2"; }
            for tool in curl jq; do
              command -v "$tool" >/dev/null || stop "This program needs $tool; install it first."
            done
            require_variable {{secret}} {{SnippetLiterals.ShellSingle(RepositoryPrograms.MissingSecret)}}
            basic=$(printf '%s:%s' "$client_id" "${{secret}}" | base64 | tr -d '\n')

            # token_request FORM: posts the form with HTTP Basic; keeps the access token and, when the
            # answer has one, the new refresh token: Bitbucket rotates them, the used one soon dies.
            token_request() {
              local answer status body
              answer=$(printf '%s' "$1" | curl -sS -w '\n%{http_code}' -X POST "$token_url" \
                -H @<(printf 'Authorization: Basic %s\n' "$basic") \
                -H 'Content-Type: application/x-www-form-urlencoded' -H 'Accept: application/json' --data-binary @-)
              status=${answer##*$'\n'}
              body=${answer%$'\n'*}
              [ "$status" = 200 ] || stop "The token request failed with HTTP $status: $(jq -r '.error_description // .error // "no explanation"' <<<"$body" 2>/dev/null || echo "$body")"
              access_token=$(jq -r '.access_token' <<<"$body")
              local rotated
              rotated=$(jq -r '.refresh_token // empty' <<<"$body")
              if [ -n "$rotated" ]; then refresh_token=$rotated; fi
            }

            refresh_tokens() {
              [ -n "$refresh_token" ] || stop "The access token expired and there is no refresh token to renew it."
              token_request "grant_type=refresh_token&refresh_token=$(printf '%s' "$refresh_token" | jq -sRr @uri)"
            }

            # get_page URL: sets page_body; on a 401 refreshes once and retries once.
            get_page() {
              local attempt answer status
              for attempt in 1 2; do
                answer=$(curl -sS -w '\n%{http_code}' "$1" -H 'Accept: application/json' \
                  -H @<(printf 'Authorization: Bearer %s\n' "$access_token"))
                status=${answer##*$'\n'}
                page_body=${answer%$'\n'*}
                if [ "$status" = 401 ] && [ "$attempt" = 1 ]; then
                  echo "HTTP 401 (the access token expired or was revoked): refreshing it and retrying once." >&2
                  refresh_tokens
                  continue
                fi
                break
              done
              [ "$status" = 200 ] || stop "GET $1 failed with HTTP $status: $(jq -r '.error.message // "no explanation"' <<<"$page_body" 2>/dev/null || echo "$page_body")"
            }

            {{start}}
            url=$first_page
            count=0
            pages=0
            while [ -n "$url" ] && [ "$pages" -lt "$max_pages" ]; do
              get_page "$url"
              jq -r '.values[].full_name' <<<"$page_body"
              count=$((count + $(jq '.values | length' <<<"$page_body")))
              pages=$((pages + 1))
              url=$(jq -r '.next // empty' <<<"$page_body")
            done
            echo "$count repositories in $workspace"
            """;
    }
}

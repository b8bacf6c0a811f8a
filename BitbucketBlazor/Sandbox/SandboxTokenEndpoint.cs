using System.Net.Http.Headers;
using System.Text;
using BitbucketBlazor.Bitbucket.Facts;
using Microsoft.Extensions.Primitives;

namespace BitbucketBlazor.Sandbox;

/// <summary>
/// <c>POST {PathBase}/site/oauth2/access_token</c>: Bitbucket's token endpoint for the
/// client credentials, authorization code and refresh token grants, with its messages.
/// </summary>
internal static class SandboxTokenEndpoint
{
    /// <summary>Bitbucket's exact refusal of client credentials for a public consumer.</summary>
    public const string PublicConsumerMessage =
        "Cannot use client_credentials with a consumer marked as \"public\". Calls for auto generated consumers should use urn:bitbucket:oauth2:jwt instead.";

    /// <summary>Bitbucket's answer when no client authentication is present.</summary>
    public const string UnauthenticatedMessage = "Requests must be authenticated using OAuth client credentials";

    /// <summary>Bitbucket's answer when the consumer has no callback URL.</summary>
    public const string NoCallbackMessage = "No callback uri defined for the OAuth client.";

    /// <summary>The sandbox's description for a wrong key or secret (Bitbucket's own wording is not known).</summary>
    public const string InvalidClientMessage = "Client authentication failed: the OAuth consumer key or secret is not valid.";

    public static async Task<IResult> HandleAsync(
        HttpContext context, SandboxTokenStore tokens, SandboxAuthorizationCodes codes)
    {
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Pragma = "no-cache";

        // Only a form body counts: a JSON body leaves every parameter absent, which is how
        // Bitbucket comes to answer "Unsupported grant type: None" for it.
        var form = context.Request.HasFormContentType
            ? await context.Request.ReadFormAsync(context.RequestAborted)
            : FormCollection.Empty;

        // The client is authenticated before the grant is looked at, so an unauthenticated
        // caller learns nothing about codes or refresh tokens.
        var (consumer, failure) = AuthenticateClient(context, form);
        if (failure is not null)
        {
            return failure;
        }

        string? grantType = form["grant_type"];
        return grantType switch
        {
            null or "" => SandboxResults.OAuthError(context, 400, "invalid_grant", "Unsupported grant type: None"),
            "client_credentials" => ClientCredentials(context, consumer!, tokens),
            "authorization_code" => AuthorizationCode(context, consumer!, form, tokens, codes),
            "refresh_token" => RefreshToken(context, consumer!, form, tokens),

            // Bitbucket words an absent grant type as "Unsupported grant type: None"; an unknown
            // one gets the same wording with its name, under RFC 6749's unsupported_grant_type
            // (the JWT grant is for Connect apps, which the sandbox does not imitate).
            _ => SandboxResults.OAuthError(context, 400, "unsupported_grant_type", $"Unsupported grant type: {grantType}"),
        };
    }

    private static IResult ClientCredentials(HttpContext context, SandboxConsumer consumer, SandboxTokenStore tokens) =>
        consumer.IsPrivate
            ? Success(tokens.Issue(consumer), "client_credentials")
            : SandboxResults.OAuthError(context, 400, "invalid_grant", PublicConsumerMessage);

    private static IResult AuthorizationCode(
        HttpContext context, SandboxConsumer consumer, IFormCollection form, SandboxTokenStore tokens, SandboxAuthorizationCodes codes)
    {
        if (consumer.CallbackPath is null)
        {
            return SandboxResults.OAuthError(context, 400, "invalid_request", NoCallbackMessage);
        }

        string? code = form["code"];
        if (string.IsNullOrEmpty(code))
        {
            return SandboxResults.OAuthError(context, 400, "invalid_request", "The code parameter is missing.");
        }

        // Taken before any check so that a code is burnt by its first use, whoever makes it.
        var issued = codes.TakeCode(code);
        if (issued is null)
        {
            return SandboxResults.OAuthError(context, 400, "invalid_grant", "The authorization code is invalid, expired or already used.");
        }

        if (issued.ConsumerKey != consumer.Key)
        {
            return SandboxResults.OAuthError(context, 400, "invalid_grant", "The authorization code was issued to another OAuth consumer.");
        }

        // RFC 6749 §4.1.3: when the authorize request carried a redirect_uri, the exchange must
        // carry the identical value; when it did not, a redirect_uri here has nothing to match.
        string? redirectUri = form["redirect_uri"];
        if (!string.Equals(issued.RedirectUri, string.IsNullOrEmpty(redirectUri) ? null : redirectUri, StringComparison.Ordinal))
        {
            return SandboxResults.OAuthError(context, 400, "invalid_grant", "The redirect_uri does not match the one given on the authorize request.");
        }

        return Success(tokens.Issue(consumer), "authorization_code");
    }

    private static IResult RefreshToken(HttpContext context, SandboxConsumer consumer, IFormCollection form, SandboxTokenStore tokens)
    {
        string? refreshToken = form["refresh_token"];
        if (string.IsNullOrEmpty(refreshToken))
        {
            return SandboxResults.OAuthError(context, 400, "invalid_request", "The refresh_token parameter is missing.");
        }

        var grant = tokens.Refresh(consumer, refreshToken);
        return grant is null
            ? SandboxResults.OAuthError(context, 400, "invalid_grant", "The refresh token is invalid or was issued to another OAuth consumer.")
            : Success(grant, "refresh_token");
    }

    private static IResult Success(SandboxTokenGrant grant, string grantType) =>
        SandboxResults.Json(new
        {
            grant.AccessToken,
            Scopes = string.Join(' ', grant.Scopes),
            grant.ExpiresIn,
            grant.RefreshToken,
            TokenType = "bearer",
            State = grantType,
        });

    /// <summary>
    /// Authenticates the client by HTTP Basic or by <c>client_id</c>/<c>client_secret</c> in the
    /// form (RFC 6749 §2.3.1), never both. The secret is compared in constant time.
    /// </summary>
    private static (SandboxConsumer? Consumer, IResult? Failure) AuthenticateClient(HttpContext context, IFormCollection form)
    {
        var header = context.Request.Headers.Authorization;
        var hasBasic = AuthenticationHeaderValue.TryParse(header, out var parsed) &&
            string.Equals(parsed.Scheme, "Basic", StringComparison.OrdinalIgnoreCase);
        var hasFormCredentials = !StringValues.IsNullOrEmpty(form["client_id"]);

        if (!hasBasic && !hasFormCredentials)
        {
            context.Response.Headers.WWWAuthenticate = $"Basic realm=\"{SandboxResults.Realm}\"";
            return (null, SandboxResults.OAuthError(context, 401, "unauthorized_client", UnauthenticatedMessage));
        }

        if (hasBasic && hasFormCredentials)
        {
            return (null, SandboxResults.OAuthError(context, 400, "invalid_request", "Authenticate the client one way only: HTTP Basic or client_id/client_secret, not both."));
        }

        string? key;
        string? secret;
        if (hasBasic)
        {
            (key, secret) = DecodeBasic(parsed!.Parameter);
        }
        else
        {
            key = form["client_id"];
            secret = form["client_secret"];
        }

        var consumer = DemoConsumers.FindByKey(key);

        // Compared even for an unknown key, so the answer takes as long either way.
        var secretMatches = SandboxSecrets.FixedTimeEquals(secret ?? "", consumer?.Secret ?? "\0no consumer\0");
        if (consumer is null || !secretMatches)
        {
            if (hasBasic)
            {
                context.Response.Headers.WWWAuthenticate = $"Basic realm=\"{SandboxResults.Realm}\"";
            }

            return (null, SandboxResults.OAuthError(context, 401, "invalid_client", InvalidClientMessage));
        }

        return (consumer, null);
    }

    private static (string? Key, string? Secret) DecodeBasic(string? parameter)
    {
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(parameter ?? ""));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? (null, null) : (Uri.UnescapeDataString(decoded[..colon]), Uri.UnescapeDataString(decoded[(colon + 1)..]));
        }
        catch (FormatException)
        {
            return (null, null);
        }
    }
}

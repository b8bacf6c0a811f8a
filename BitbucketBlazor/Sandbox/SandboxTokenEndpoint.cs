using System.Net;
using System.Net.Http.Headers;
using System.Text;
using BitbucketBlazor.Bitbucket.Facts;
using BitbucketBlazor.Common;
using Microsoft.Extensions.Primitives;

namespace BitbucketBlazor.Sandbox;

/// <summary>
/// <c>POST {PathBase}/site/oauth2/access_token</c>: Bitbucket's token endpoint for the
/// client credentials, authorization code and refresh token grants, with its messages.
/// </summary>
internal static class SandboxTokenEndpoint
{
    /// <summary>Bitbucket's answer when the consumer has no callback URL (also shown by the authorize page).</summary>
    public static string NoCallbackMessage => SandboxTokenErrors.NoCallback.Description;

    public static async Task<IResult> HandleAsync(
        HttpContext context, SandboxTokenStore tokens, SandboxAuthorizationCodes codes, SelfCallMarker marker)
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

        // The app's own calls (for its visitors) and direct callers take their places in separate
        // parts of the token store, so a stranger filling the public part cannot stop a visitor
        // from finishing a sign-in (see SandboxTokenStore).
        var room = marker.IsSelfCall(context) ? SandboxTokenRoom.Host : SandboxTokenRoom.Public;
        string? grantType = form["grant_type"];
        return grantType switch
        {
            null or "" => SandboxResults.OAuthError(context, SandboxTokenErrors.NoGrantType),
            "client_credentials" => await ClientCredentialsAsync(context, consumer!, tokens, room),
            "authorization_code" => await AuthorizationCodeAsync(context, consumer!, form, tokens, codes, room),
            "refresh_token" => await RefreshTokenAsync(context, consumer!, form, tokens, room),
            _ => SandboxResults.OAuthError(context, SandboxTokenErrors.UnsupportedGrantType(grantType)),
        };
    }

    /// <summary>The sandbox's answer when its token store holds as many live tokens as it may (ours: no Bitbucket sample).</summary>
    public const string StoreFullMessage =
        "The sandbox holds as many live tokens as it may and never drops anyone's to make room. Try again later: tokens expire within two hours.";

    // RFC 6749 §5.2 has no "try later" code for the token endpoint; temporarily_unavailable is
    // the authorize endpoint's (§4.1.2.1) and says exactly this, with 503 and Retry-After.
    private static readonly SandboxTokenError s_storeFull =
        new("temporarily_unavailable", StoreFullMessage, Quoted: false) { StatusCode = StatusCodes.Status503ServiceUnavailable };

    private static async Task<IResult> ClientCredentialsAsync(HttpContext context, SandboxConsumer consumer, SandboxTokenStore tokens, SandboxTokenRoom room) =>
        consumer.IsPrivate
            ? Issued(context, await tokens.IssueAsync(consumer, room), "client_credentials")
            : SandboxResults.OAuthError(context, SandboxTokenErrors.PublicConsumer);

    private static async Task<IResult> AuthorizationCodeAsync(
        HttpContext context, SandboxConsumer consumer, IFormCollection form, SandboxTokenStore tokens, SandboxAuthorizationCodes codes, SandboxTokenRoom room)
    {
        if (consumer.CallbackPath is null)
        {
            return SandboxResults.OAuthError(context, SandboxTokenErrors.NoCallback);
        }

        string? code = form["code"];
        if (string.IsNullOrEmpty(code))
        {
            return SandboxResults.OAuthError(context, SandboxTokenErrors.MissingCode);
        }

        // Taken before any check so that a code is burnt by its first use, whoever makes it.
        var issued = await codes.TakeCodeAsync(code);
        if (issued is null)
        {
            return SandboxResults.OAuthError(context, SandboxTokenErrors.InvalidCode);
        }

        if (issued.ConsumerKey != consumer.Key)
        {
            return SandboxResults.OAuthError(context, SandboxTokenErrors.CodeOfAnotherConsumer);
        }

        // RFC 6749 §4.1.3: when the authorize request carried a redirect_uri, the exchange must
        // carry the identical value; when it did not, a redirect_uri here has nothing to match.
        string? redirectUri = form["redirect_uri"];
        if (!string.Equals(issued.RedirectUri, string.IsNullOrEmpty(redirectUri) ? null : redirectUri, StringComparison.Ordinal))
        {
            return SandboxResults.OAuthError(context, SandboxTokenErrors.RedirectUriMismatch);
        }

        return Issued(context, await tokens.IssueAsync(consumer, room), "authorization_code");
    }

    private static async Task<IResult> RefreshTokenAsync(HttpContext context, SandboxConsumer consumer, IFormCollection form, SandboxTokenStore tokens, SandboxTokenRoom room)
    {
        string? refreshToken = form["refresh_token"];
        if (string.IsNullOrEmpty(refreshToken))
        {
            return SandboxResults.OAuthError(context, SandboxTokenErrors.MissingRefreshToken);
        }

        // Unknown, another consumer's, or rotated and past its grace period: one answer for all three.
        var outcome = await tokens.RefreshAsync(consumer, refreshToken, room);
        return outcome.Grant is null && !outcome.Full
            ? SandboxResults.OAuthError(context, SandboxTokenErrors.InvalidRefreshToken)
            : Issued(context, outcome.Grant, "refresh_token");
    }

    private static IResult Issued(HttpContext context, SandboxTokenGrant? grant, string grantType)
    {
        if (grant is not null)
        {
            return Success(grant, grantType);
        }

        context.Response.Headers.RetryAfter = "60";
        return SandboxResults.OAuthError(context, s_storeFull);
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
            return (null, SandboxResults.OAuthError(context, SandboxTokenErrors.Unauthenticated));
        }

        if (hasBasic && hasFormCredentials)
        {
            return (null, SandboxResults.OAuthError(context, SandboxTokenErrors.TwoClientAuthentications));
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
        var secretMatches = Crypto.FixedTimeEquals(secret ?? "", consumer?.Secret ?? "\0no consumer\0");
        if (consumer is null || !secretMatches)
        {
            return (null, SandboxResults.OAuthError(context, SandboxTokenErrors.InvalidClientCredentials));
        }

        return (consumer, null);
    }

    private static (string? Key, string? Secret) DecodeBasic(string? parameter)
    {
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(parameter ?? ""));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            // RFC 6749 §2.3.1: both halves are form-urlencoded, so '+' is a space and %XX a UTF-8 byte.
            return colon < 0 ? (null, null) : (WebUtility.UrlDecode(decoded[..colon]), WebUtility.UrlDecode(decoded[(colon + 1)..]));
        }
        catch (FormatException)
        {
            return (null, null);
        }
    }
}

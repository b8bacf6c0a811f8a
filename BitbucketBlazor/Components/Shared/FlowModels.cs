using System.Diagnostics.CodeAnalysis;

[assembly: SuppressMessage("Naming", "CA1716:Identifiers should not match keywords", Scope = "namespace",
    Target = "~N:BitbucketBlazor.Components.Shared", Justification = "Components/Shared is the Blazor convention the project's layout names; no VB consumers.")]

namespace BitbucketBlazor.Components.Shared;

/// <summary>One party of an OAuth flow, drawn as a box with a lifeline.</summary>
/// <param name="Id">Identifies the participant in <see cref="FlowMessage.From"/> and <see cref="FlowMessage.To"/>.</param>
/// <param name="Name">What the box says, for example "Client (this app)".</param>
/// <param name="Role">The OAuth role under the name, for example "Authorization server".</param>
public sealed record FlowParticipant(string Id, string Name, string Role);

/// <summary>One numbered message between two participants.</summary>
/// <param name="From">The sender's <see cref="FlowParticipant.Id"/>.</param>
/// <param name="To">The receiver's <see cref="FlowParticipant.Id"/>.</param>
/// <param name="Label">What travels, for example <c>POST /site/oauth2/access_token</c>.</param>
/// <param name="Step">The walkthrough step that highlights this message.</param>
/// <param name="IsResponse">Whether this answers an earlier message (drawn dashed).</param>
public sealed record FlowMessage(string From, string To, string Label, int Step, bool IsResponse = false);

/// <summary>The flows the app teaches, ready for <see cref="FlowDiagram"/>.</summary>
public static class Flows
{
    /// <summary>The parties of the client credentials grant: no user takes part.</summary>
    public static IReadOnlyList<FlowParticipant> ClientCredentialsParticipants { get; } =
    [
        new("client", "Client (this app)", "Client = resource owner"),
        new("auth", "bitbucket.org", "Authorization server"),
        new("api", "api.bitbucket.org", "Resource server"),
    ];

    /// <summary>The client credentials grant's messages; steps match the walkthrough (0 consumer, 1 request, 2 response, 3 API).</summary>
    public static IReadOnlyList<FlowMessage> ClientCredentialsMessages { get; } =
    [
        new("client", "auth", "POST /site/oauth2/access_token  (Basic key:secret, grant_type=client_credentials)", 1),
        new("auth", "client", "200 { access_token, expires_in, scopes }", 2, IsResponse: true),
        new("client", "api", "GET /2.0/…  (Authorization: Bearer access_token)", 3),
        new("api", "client", "200 JSON (or 401 / 403 …)", 3, IsResponse: true),
        new("client", "auth", "POST /site/oauth2/access_token  (Basic, grant_type=refresh_token&refresh_token)", 4),
        new("auth", "client", "200 { new access_token, refresh_token }", 4, IsResponse: true),
    ];

    /// <summary>The parties of the authorization code grant: the user and their browser join in.</summary>
    public static IReadOnlyList<FlowParticipant> AuthorizationCodeParticipants { get; } =
    [
        new("user", "You, in the browser", "Resource owner"),
        new("client", "Client (this app)", "Client"),
        new("auth", "bitbucket.org", "Authorization server"),
        new("api", "api.bitbucket.org", "Resource server"),
    ];

    /// <summary>The authorization code grant's messages; steps are for the authorization-code page to choose.</summary>
    public static IReadOnlyList<FlowMessage> AuthorizationCodeMessages { get; } =
    [
        new("client", "user", "Redirect to /site/oauth2/authorize?client_id…&state…", 1),
        new("user", "auth", "Log in and grant access", 1),
        new("auth", "user", "Redirect to /oauth-callback?code…&state…", 2, IsResponse: true),
        new("user", "client", "GET /oauth-callback?code…", 2),
        new("client", "auth", "POST access_token (Basic, grant_type=authorization_code&code)", 3),
        new("auth", "client", "200 { access_token, refresh_token }", 3, IsResponse: true),
        new("client", "api", "GET /2.0/… (Bearer)", 4),
        new("api", "client", "200 JSON", 4, IsResponse: true),
    ];
}
